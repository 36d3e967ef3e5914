/**
 * A run's alerts set aside on disk as they are raised (one JSON line each, in a private temporary folder), then
 * read back one at a time to print and store them once the run has finished: memory does not grow with the
 * alerts, and a run that fails part-way has printed and stored nothing.
 * @module
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync, createReadStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Alert } from "../engine/index.js";

export class AlertSpool {
  private readonly dir: string;
  private readonly file: string;
  private fd: number | undefined;
  /** Alerts added so far. */
  count = 0;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "tocsin-alerts-"));
    this.file = join(this.dir, "alerts.jsonl");
    this.fd = openSync(this.file, "wx", 0o600);
  }

  /**
   * Set an alert aside (written at once: nothing of it stays in memory).
   * @example run = new ReplayRun(manifest, rulebook, { ...options, onAlert: (a) => spool.add(a) })
   */
  add(alert: Alert): void {
    if (this.fd === undefined) throw new Error("AlertSpool.add: the spool is closed");
    writeSync(this.fd, `${JSON.stringify(alert)}\n`);
    this.count += 1;
  }

  /** The alerts in the order they were added, read back one line at a time (may be read more than once). */
  async *alerts(): AsyncGenerator<Alert> {
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
    }
    const lines = createInterface({ input: createReadStream(this.file, "utf8"), crlfDelay: Infinity });
    for await (const line of lines) if (line !== "") yield JSON.parse(line) as Alert;
  }

  /** Delete the file (and its folder). */
  remove(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
