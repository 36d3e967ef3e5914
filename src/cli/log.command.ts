/**
 * `tocsin log init|checkpoint|verify|receipt|consistency|public-key`: the tamper-evident log from the command
 * line. The signing key lives in a file (mode 0600) named by `--key-file`, `TOCSIN_LOG_KEY_FILE`, or by
 * default `log.key` in the store's key folder (`<db>.keys/` beside a SQLite store, see key-locations.ts; a legacy
 * `<db>.log.key` is still read); it is created by `log init` or by the first write, never shipped with Tocsin.
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { loadLogKey, LogKeyError } from "../integrity/log-key.file.js";
import { decodeVerifierKey, encodeVerifierKey, type NoteVerifier } from "../integrity/signed-note.js";
import { initLogKey, keySettingsFromEnv, logKeyFileOf } from "../storage/keys/index.js";
import {
  checkHeldCheckpoint,
  checkpointLog,
  findLeaf,
  latestCheckpoint,
  logConsistency,
  logReceipt,
  LogProofError,
  verifyLog,
} from "../storage/log/index.js";
import { existsSync } from "node:fs";
import { StoreError } from "../storage/index.js";
import { CliError, usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { withStore } from "./with-store.js";

/** The log commands never read a protected field: they open the store without the field key (so they also
 * verify a copy held without its key folder). */
const NO_FIELD_KEY = { noFieldKey: true } as const;

interface LogOptions {
  db?: string;
  keyFile?: string;
  publicKey?: string;
  json?: boolean;
  out?: string;
  against?: string[];
  name?: string;
}

/** The key file for a store: explicit flag, then the environment, then beside a SQLite file. */
export function defaultKeyFile(ctx: CliContext, db: string, flag?: string): string {
  const settings = keySettingsFromEnv(ctx.env);
  try {
    return logKeyFileOf(db, flag ? { ...settings, logKeyFile: flag } : settings);
  } catch (e) {
    if (e instanceof StoreError) throw new CliError(e.message, 2, e.code);
    throw e;
  }
}

function signer(ctx: CliContext, opts: LogOptions, db: string) {
  try {
    return loadLogKey(defaultKeyFile(ctx, db, opts.keyFile));
  } catch (e) {
    if (e instanceof LogKeyError) throw new CliError(e.message, 2);
    throw e;
  }
}

/** The verifier: `--public-key` when given (a partner's or auditor's pinned key), else the key file's. */
function verifierOf(
  ctx: CliContext,
  opts: LogOptions,
  db: string,
  required: boolean,
): NoteVerifier | undefined {
  if (opts.publicKey !== undefined) {
    const v = decodeVerifierKey(opts.publicKey);
    if (!v) throw usageError("--public-key is not a verifier key (name+id+base64)");
    return v;
  }
  try {
    const s = loadLogKey(defaultKeyFile(ctx, db, opts.keyFile));
    return { name: s.name, publicKey: s.publicKey };
  } catch (e) {
    if (!required && e instanceof LogKeyError && e.code === "KEY_MISSING") return undefined;
    if (e instanceof LogKeyError) throw new CliError(e.message, 2);
    throw e;
  }
}

function proofError(e: unknown): never {
  if (e instanceof LogProofError) throw new CliError(e.message, e.code === "LOG_INCONSISTENT" ? 1 : 2);
  throw e;
}

/** Register `log` and its subcommands. */
export function registerLogCommand(program: Command, ctx: CliContext): void {
  const log = program
    .command("log")
    .description("the tamper-evident evidence log (RFC 9162 Merkle tree, signed checkpoints)");
  const common = (c: Command) =>
    c
      .option("--db <path>", "store (SQLite file or postgres:// URL)", ctx.defaultDb)
      .option(
        "--key-file <path>",
        "log signing key file (default: TOCSIN_LOG_KEY_FILE, else log.key in the store's key folder)",
      );

  common(log.command("init"))
    .description("create this install's log signing key (Ed25519, mode 0600) and print its public key")
    .option("--name <origin>", "log origin and key name, e.g. tocsin.example.org/log", "tocsin.local/log")
    .action((opts: LogOptions) => {
      const path = defaultKeyFile(ctx, opts.db as string, opts.keyFile);
      if (existsSync(path)) {
        // Created already (by an earlier init or the first write): never replaced, only shown.
        ctx.io.err(`log key ${path} exists already (a key is never replaced)\n`);
        ctx.io.out(`${encodeVerifierKey(signer(ctx, opts, opts.db as string))}\n`);
        return;
      }
      try {
        // Created atomically, and never inside a git work tree that does not ignore it.
        const made = initLogKey(opts.db as string, {
          ...keySettingsFromEnv(ctx.env),
          logKeyFile: path,
          logName: opts.name as string,
        });
        ctx.io.err(`created log key ${made.file} (keep it secret; back it up apart from the database)\n`);
        ctx.io.out(`${encodeVerifierKey(made.signer)}\n`);
      } catch (e) {
        if (e instanceof LogKeyError) throw new CliError(e.message, 2);
        if (e instanceof StoreError) throw new CliError(e.message, 2, e.code);
        throw e;
      }
    });

  common(log.command("public-key"))
    .description("print the log's verifier key, for partners to pin")
    .action((opts: LogOptions) => {
      ctx.io.out(`${encodeVerifierKey(signer(ctx, opts, opts.db as string))}\n`);
    });

  common(log.command("checkpoint"))
    .description(
      "sign a checkpoint over every leaf and print it (export it: others holding it make rewriting history detectable)",
    )
    .action(async (opts: LogOptions) => {
      const db = opts.db as string;
      const s = signer(ctx, opts, db);
      const cp = await withStore(db, (store) => checkpointLog(store.db, s, s.name), NO_FIELD_KEY);
      if (!cp) {
        ctx.io.err("the log is empty: nothing to checkpoint\n");
        return;
      }
      ctx.io.out(cp.checkpoint);
    });

  common(log.command("verify"))
    .description(
      "recompute every leaf, root and signature and compare every logged row; exit 1 naming each tampered item",
    )
    .option(
      "--public-key <vkey>",
      "verify signatures with this pinned verifier key instead of the key file's",
    )
    .option("--against <file...>", "checkpoint files held elsewhere: the log must still match each")
    .option("--json", "print one JSON document")
    .action(async (opts: LogOptions) => {
      const db = opts.db as string;
      const verifier = verifierOf(ctx, opts, db, false);
      const { report, held } = await withStore(
        db,
        async (store) => {
          const report = await verifyLog(store.db, verifier);
          const held: { file: string; problem: string }[] = [];
          for (const file of opts.against ?? []) {
            if (!verifier) throw usageError("--against needs the log's key (--key-file or --public-key)");
            let note: string;
            try {
              note = readFileSync(file, "utf8");
            } catch {
              throw usageError(`cannot read checkpoint file ${file}`);
            }
            const problem = await checkHeldCheckpoint(store.db, verifier, note);
            if (problem) held.push({ file, problem });
          }
          return { report, held };
        },
        NO_FIELD_KEY,
      );
      const ok = report.ok && held.length === 0;
      if (!ok) ctx.setExitCode(1);
      if (opts.json) {
        printJson(ctx.io, { ...report, ok, heldCheckpoints: held });
        return;
      }
      for (const p of report.problems) ctx.io.out(`TAMPERED ${p.item}: ${p.message} [${p.code}]\n`);
      for (const h of held) ctx.io.out(`TAMPERED history (held checkpoint ${h.file}): ${h.problem}\n`);
      for (const w of report.warnings) ctx.io.err(`warning: ${w}\n`);
      ctx.io.err(
        `${ok ? "log verifies" : `${report.problems.length + held.length} problem(s) found`}: ${report.leaves} leaves, ${report.checkpoints} checkpoints, ${report.rowsChecked} rows checked\n`,
      );
    });

  common(log.command("receipt"))
    .description(
      "a self-contained proof that a record (id) or leaf (index) is in the log; verify it with scripts/verify-receipt.mjs",
    )
    .argument("<id>", "a record id or a leaf index")
    .option("--public-key <vkey>", "the log's verifier key (default: from the key file)")
    .option("--out <file>", "write the receipt to this file instead of stdout")
    .action(async (id: string, opts: LogOptions) => {
      const db = opts.db as string;
      const verifier = verifierOf(ctx, opts, db, true) as NoteVerifier;
      const receipt = await withStore(
        db,
        async (store) => {
          try {
            return await logReceipt(store.db, verifier, await findLeaf(store.db, id));
          } catch (e) {
            return proofError(e);
          }
        },
        NO_FIELD_KEY,
      );
      if (opts.out) {
        writeFileSync(opts.out, `${JSON.stringify(receipt, null, 2)}\n`);
        ctx.io.err(`receipt for leaf #${receipt.leafIndex} written to ${opts.out}\n`);
      } else printJson(ctx.io, receipt);
    });

  common(log.command("consistency"))
    .description("a consistency proof between two checkpointed tree sizes")
    .argument("<old-size>")
    .argument("[new-size]", "default: the latest checkpoint")
    .action(async (oldText: string, newText: string | undefined, opts: LogOptions) => {
      const oldSize = Number(oldText);
      if (!Number.isSafeInteger(oldSize) || oldSize < 0)
        throw usageError(`old size "${oldText}" is not a tree size`);
      const proof = await withStore(
        opts.db as string,
        async (store) => {
          const newSize =
            newText === undefined
              ? Number((await latestCheckpoint(store.db))?.tree_size ?? 0)
              : Number(newText);
          if (!Number.isSafeInteger(newSize)) throw usageError(`new size "${newText}" is not a tree size`);
          try {
            return await logConsistency(store.db, oldSize, newSize);
          } catch (e) {
            return proofError(e);
          }
        },
        NO_FIELD_KEY,
      );
      printJson(ctx.io, proof);
    });
}
