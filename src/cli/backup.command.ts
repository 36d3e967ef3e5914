/**
 * `tocsin backup` and `tocsin restore`: a consistent copy of a SQLite store made with the online backup API
 * (never a file copy), and its return; each copy is checked (`PRAGMA integrity_check`) and verified by the
 * tamper-evident log before it is trusted. The keys are never in a backup: keep `<db>.keys/` apart.
 * @module
 */
import { existsSync } from "node:fs";
import type { Command } from "commander";
import { sql } from "kysely";
import { LogKeyError, loadLogKey } from "../integrity/log-key.file.js";
import type { NoteVerifier } from "../integrity/signed-note.js";
import { openStore, StoreError, type Store } from "../storage/index.js";
import { keySettingsFromEnv, logKeyFileOf } from "../storage/keys/index.js";
import { verifyLog, type LogVerifyReport } from "../storage/log/index.js";
import { CliError, usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { storeKeySettings } from "./with-store.js";

interface BackupOptions {
  db: string;
  out?: string;
  from?: string;
  keyFile?: string;
  force?: boolean;
}

/** What checking one copy found. */
export interface CopyCheck {
  readonly integrity: string;
  readonly report: LogVerifyReport;
}

function isPostgres(location: string): boolean {
  return /^postgres(ql)?:\/\//u.test(location);
}

async function open(location: string, readonly: boolean): Promise<Store> {
  try {
    return await openStore(location, { readonly });
  } catch (e) {
    if (e instanceof StoreError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** The install's log verifier for `db` (from `--key-file`, the environment or `<db>.keys/`), if there is one. */
function verifierFor(ctx: CliContext, db: string, flag?: string): NoteVerifier | undefined {
  const settings = { ...storeKeySettings(), ...keySettingsFromEnv(ctx.env) };
  const file = logKeyFileOf(db, flag ? { ...settings, logKeyFile: flag } : settings);
  try {
    const s = loadLogKey(file);
    return { name: s.name, publicKey: s.publicKey };
  } catch (e) {
    if (e instanceof LogKeyError && e.code === "KEY_MISSING") return undefined;
    if (e instanceof LogKeyError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** Run `PRAGMA integrity_check` and the full log verification on the store file at `location`. */
export async function checkCopy(location: string, verifier: NoteVerifier | undefined): Promise<CopyCheck> {
  const store = await open(location, true);
  try {
    const rows = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(store.db);
    const integrity = rows.rows.map((r) => r.integrity_check).join("; ");
    return { integrity, report: await verifyLog(store.db, verifier) };
  } finally {
    await store.close();
  }
}

function printCheck(ctx: CliContext, what: string, check: CopyCheck, signed: boolean): boolean {
  const ok = check.integrity === "ok" && check.report.ok;
  for (const p of check.report.problems) ctx.io.out(`TAMPERED ${p.item}: ${p.message} [${p.code}]\n`);
  if (check.integrity !== "ok") ctx.io.out(`CORRUPT ${what}: integrity_check: ${check.integrity}\n`);
  if (!signed) ctx.io.err("warning: no log key found: checkpoint signatures were not checked\n");
  ctx.io.err(
    `${what}: integrity_check ${check.integrity === "ok" ? "ok" : "FAILED"}; ${ok ? "log verifies" : "log does NOT verify"} (${check.report.leaves} leaves, ${check.report.checkpoints} checkpoints, ${check.report.rowsChecked} rows)\n`,
  );
  return ok;
}

/** Register `backup` and `restore`. */
export function registerBackupCommands(program: Command, ctx: CliContext): void {
  program
    .command("backup")
    .description("copy a SQLite store with the online backup API, then verify the copy by the log")
    .option("--db <path>", "the SQLite store to back up", ctx.defaultDb)
    .requiredOption("--out <file>", "the backup file to write (must not exist)")
    .option("--key-file <path>", "log key to check signatures (default: the store's)")
    .action(async (opts: BackupOptions) => {
      const out = opts.out as string;
      if (isPostgres(opts.db)) throw usageError("PostgreSQL stores are backed up with pg_dump");
      if (existsSync(out)) throw usageError(`${out} exists already: choose a new backup file`);
      const store = await open(opts.db, true);
      try {
        await store.backup(out);
      } catch (e) {
        if (e instanceof StoreError) throw new CliError(e.message, 2);
        throw e;
      } finally {
        await store.close();
      }
      const verifier = verifierFor(ctx, opts.db, opts.keyFile);
      const ok = printCheck(ctx, `backup ${out}`, await checkCopy(out, verifier), verifier !== undefined);
      if (!ok) ctx.setExitCode(1);
      ctx.io.err("the keys are not in the backup: keep the key folder (<db>.keys/) safe, apart from it\n");
    });

  program
    .command("restore")
    .description("verify a backup by the log, then copy it into place with the online backup API")
    .requiredOption("--from <file>", "the backup file")
    .option("--db <path>", "where to restore it (a SQLite file)", ctx.defaultDb)
    .option("--key-file <path>", "log key to check signatures (default: the target store's)")
    .option("--force", "replace an existing store at --db")
    .action(async (opts: BackupOptions) => {
      const from = opts.from as string;
      if (isPostgres(opts.db)) throw usageError("PostgreSQL stores are restored with pg_restore");
      if (!existsSync(from)) throw usageError(`backup file ${from} not found`);
      if (existsSync(opts.db) && !opts.force)
        throw usageError(`${opts.db} exists already: pass --force to replace it`);
      const verifier = verifierFor(ctx, opts.db, opts.keyFile);
      // The backup must verify before it replaces anything.
      if (!printCheck(ctx, `backup ${from}`, await checkCopy(from, verifier), verifier !== undefined)) {
        ctx.setExitCode(1);
        throw new CliError(`${from} does not verify: nothing was restored`, 1);
      }
      const source = await open(from, true);
      try {
        await source.backup(opts.db);
      } catch (e) {
        if (e instanceof StoreError) throw new CliError(e.message, 2);
        throw e;
      } finally {
        await source.close();
      }
      const ok = printCheck(
        ctx,
        `restored ${opts.db}`,
        await checkCopy(opts.db, verifier),
        verifier !== undefined,
      );
      if (!ok) ctx.setExitCode(1);
    });
}
