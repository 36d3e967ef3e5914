/**
 * One run of a file into a case at a time, the import's side of `import_leases`: who this run is, when another
 * run's lease is over (expired, or its process on this host is gone: a crash, kill -9), waiting for a live one,
 * and the one line that says an import of the file is running. The lease is taken just before the first commit
 * (a run that commits nothing writes nothing), checked and renewed by every batch, released with the batch.
 * @module
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import {
  acquireImportLease,
  finishLeasedBatch,
  readImportLease,
  releaseImportLease,
  type ImportLeaseHolder,
} from "../../storage/imports/import-lease.repository.js";
import type { ImportCounts, ImportLeaseKey, LeaseFence } from "../../storage/imports/import.repository.js";
import type { Store } from "../../storage/store.js";
import { ImportError } from "../import-error.js";

/**
 * How long a lease lasts without a commit renewing it. A run commits a batch every few milliseconds to seconds;
 * a holder silent for this long on another host is taken for dead (hosts' clocks must agree within it).
 */
export const LEASE_TTL_MS = 120_000;

/** How often a waiting run looks at the lease again. */
const WAIT_POLL_MS = 500;

/** The owners of this process's runs: a lease with this pid but another owner is a dead run's. */
const liveOwners = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Whether `holder`'s run is over at `now`: its lease expired, or it ran on this host and its process (or, in
 * this process, its run) is gone.
 * @example leaseIsOver({ ...holder, host: hostname(), pid: killedPid }, new Date()) // true
 */
export function leaseIsOver(holder: ImportLeaseHolder, now: Date): boolean {
  if (holder.expiresAt <= now.toISOString()) return true;
  if (holder.host !== hostname()) return false;
  if (holder.pid === process.pid) return !liveOwners.has(holder.owner);
  return !processAlive(holder.pid);
}

/** Which run holds a lease: its file, process, host and start. */
function holderText(holder: ImportLeaseHolder): string {
  return `${holder.fileName}, process ${holder.pid} on ${holder.host}, since ${holder.startedAt}`;
}

/** The one line saying that `holder` is importing the file. */
export function runningMessage(file: string, key: ImportLeaseKey, holder: ImportLeaseHolder): string {
  return (
    `an import of ${file} (${key.format}, SHA-256 ${key.sha256.slice(0, 12)}…) into case ${key.caseId} is ` +
    `running (${holderText(holder)}): nothing was written; run again when it has finished, or with --wait`
  );
}

/** Options of {@link awaitNoRunningImport}. */
export interface WaitOptions {
  /** Wait while another run holds the lease, instead of stopping. */
  readonly wait: boolean;
  readonly clock: () => Date;
  readonly signal?: AbortSignal;
  /** Told once, when the run starts to wait. */
  readonly onWaiting?: (message: string) => void;
}

/**
 * Before a run reads its resume point (reading only): stop when another run of the file holds a live lease, or
 * with `wait`, wait until it has none.
 * @throws ImportError IMPORT_RUNNING (not waiting), IMPORT_INTERRUPTED (aborted while waiting).
 */
export async function awaitNoRunningImport(
  store: Store,
  file: string,
  key: ImportLeaseKey,
  options: WaitOptions,
): Promise<void> {
  let told = false;
  for (;;) {
    const holder = await readImportLease(store, key);
    if (holder === undefined || leaseIsOver(holder, options.clock())) return;
    const message = runningMessage(file, key, holder);
    if (!options.wait) throw new ImportError("IMPORT_RUNNING", message);
    if (!told)
      options.onWaiting?.(
        `waiting for the import of ${file} into case ${key.caseId} to finish (${holderText(holder)})`,
      );
    told = true;
    try {
      await sleep(WAIT_POLL_MS, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      throw new ImportError("IMPORT_INTERRUPTED", "import interrupted while waiting for another run");
    }
  }
}

/**
 * One run's hold on the lease of its file.
 * @example
 * const lease = new RunLease(store, "ged.csv", "ged.csv", { caseId, format, sha256 }, () => new Date());
 * await lease.acquire(readResumePoint, resumePointAtStart); // before the first commit
 * await writer.commit({ ...batch, lease: lease.fence() });
 * await lease.finish({ id, status: "done", counts, at });
 */
export class RunLease {
  readonly owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  #held = false;

  constructor(
    private readonly store: Store,
    private readonly file: string,
    private readonly fileName: string,
    readonly key: ImportLeaseKey,
    private readonly clock: () => Date,
  ) {}

  /** Whether this run took the lease (and has not given it up). */
  get held(): boolean {
    return this.#held;
  }

  private expiry(): string {
    return new Date(this.clock().getTime() + LEASE_TTL_MS).toISOString();
  }

  /**
   * Take the lease (just before the first commit), then check that the resume point this run read at its start
   * is still the store's (`resumePoint` reads it again): no other run committed in between.
   * @throws ImportError IMPORT_RUNNING when another live run holds it or committed meanwhile; nothing written.
   */
  async acquire(resumePoint: () => Promise<string>, readAtStart: string): Promise<void> {
    if (this.#held) return;
    const now = this.clock();
    liveOwners.add(this.owner);
    let holder: ImportLeaseHolder | undefined;
    try {
      holder = await acquireImportLease(
        this.store,
        this.key,
        {
          owner: this.owner,
          host: hostname(),
          pid: process.pid,
          fileName: this.fileName,
          startedAt: now.toISOString(),
          expiresAt: this.expiry(),
        },
        (h) => leaseIsOver(h, now),
      );
    } catch (e) {
      liveOwners.delete(this.owner);
      throw e;
    }
    if (holder !== undefined) {
      liveOwners.delete(this.owner);
      throw new ImportError("IMPORT_RUNNING", runningMessage(this.file, this.key, holder));
    }
    this.#held = true;
    if ((await resumePoint()) !== readAtStart) {
      await this.release();
      throw new ImportError(
        "IMPORT_RUNNING",
        `another run of ${this.file} into case ${this.key.caseId} committed while this one started: ` +
          "nothing was written; run the command again",
      );
    }
  }

  /** The fence each batch's transaction checks (and renews the lease with). */
  fence(): LeaseFence {
    return { key: this.key, owner: this.owner, expiresAt: this.expiry() };
  }

  /** Mark the batch and give the lease up, in one transaction (nothing, if the lease was lost). */
  async finish(batch: {
    id: string;
    status: "done" | "interrupted";
    counts: ImportCounts;
    at: string;
  }): Promise<void> {
    if (!this.#held) return;
    try {
      await finishLeasedBatch(this.store, this.key, this.owner, batch);
    } finally {
      this.#held = false;
      liveOwners.delete(this.owner);
    }
  }

  /** Give the lease up without marking a batch. */
  async release(): Promise<void> {
    if (!this.#held) return;
    try {
      await releaseImportLease(this.store, this.key, this.owner);
    } finally {
      this.#held = false;
      liveOwners.delete(this.owner);
    }
  }
}
