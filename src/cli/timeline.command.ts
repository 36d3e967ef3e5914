/**
 * `tocsin timeline --case ID [--from DATE] [--to DATE] [--json]`: every record of a case in time order, each
 * with its kind, dates, actors, a one-line summary and its citations. Reads the store when `--db` is given,
 * the case folder otherwise. Confidential sources appear only as "Protected source".
 * @module
 */
import type { Command } from "commander";
import {
  isIsoDay,
  redactCitations,
  toTimeline,
  type ShownCitation,
  type TimelineEntry,
} from "../domain/index.js";
import { existsSync } from "node:fs";
import { isPostgresLocation } from "../storage/dialects/postgres.dialect.js";
import { listCases, listRecords, redactLocation, timeline as storedTimeline } from "../storage/index.js";
import { usageError } from "./cli-error.js";
import { caseDirFrom, readValidCase } from "./case-source.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { withStore } from "./with-store.js";

interface TimelineOptions {
  case?: string;
  caseDir?: string;
  db?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

/** Register `timeline`. */
export function registerTimelineCommand(program: Command, ctx: CliContext): void {
  program
    .command("timeline")
    .description("all records of a case in time order, with kind, dates, actors, summary and citations")
    .option("--case <id>", "a built-in case")
    .option("--case-dir <dir>", "any case folder")
    .option("--db <path>", "read the case from this store instead of its folder")
    .option("--from <date>", "first day (YYYY-MM-DD)")
    .option("--to <date>", "last day (YYYY-MM-DD)")
    .option("--json", "print one JSON document")
    .action(async (opts: TimelineOptions) => {
      for (const [flag, v] of [
        ["--from", opts.from],
        ["--to", opts.to],
      ] as const) {
        if (v !== undefined && !isIsoDay(v)) throw usageError(`${flag} "${v}" is not a day (YYYY-MM-DD)`);
      }
      const range = { from: opts.from, to: opts.to };
      let caseId: string;
      let entries: readonly TimelineEntry[];
      let confidential: ReadonlySet<string>;
      if (opts.db !== undefined) {
        if (opts.case === undefined) throw usageError("with --db, name the stored case with --case ID");
        caseId = opts.case;
        const db = opts.db;
        // Reading must not create a store (nor its keys): a missing SQLite file is a usage error.
        if (!isPostgresLocation(db) && db !== ":memory:" && !existsSync(db))
          throw usageError(`no store at ${db}`);
        [entries, confidential] = await withStore(db, async (store) => {
          if (!(await listCases(store)).some((c) => c.id === caseId))
            throw usageError(
              `case ${caseId} is not loaded in ${redactLocation(db)}; run \`tocsin case load\``,
            );
          const sources = await listRecords(store, { kind: "source", caseId, limit: 1_000_000, offset: 0 });
          return [
            await storedTimeline(store, caseId, range),
            new Set(sources.items.filter((s) => s.confidential).map((s) => s.id)),
          ] as const;
        });
      } else {
        const bundle = await readValidCase(ctx, caseDirFrom(ctx, opts));
        caseId = bundle.manifest.id;
        entries = toTimeline(bundle).filter((e) => inRange(e, range));
        confidential = new Set(bundle.records.source.filter((s) => s.confidential).map((s) => s.id));
      }
      // One rule for every output: a citation to a confidential source shows no locator.
      const shown = entries.map((e) => ({
        ...e,
        citations: redactCitations(e.citations, (id) => confidential.has(id)),
      }));
      if (opts.json) {
        printJson(ctx.io, { case: caseId, from: opts.from ?? null, to: opts.to ?? null, entries: shown });
        return;
      }
      for (const e of shown) ctx.io.out(`${formatEntry(e)}\n`);
      ctx.io.err(`${shown.length} record(s)\n`);
    });
}

function inRange(e: TimelineEntry, r: { from?: string; to?: string }): boolean {
  return (
    (r.from === undefined || e.occurredAt.to >= r.from) && (r.to === undefined || e.occurredAt.from <= r.to)
  );
}

/** A citation as one line of text: its source and locator, or its source and the neutral label. */
export function formatCitation(c: ShownCitation): string {
  return "locator" in c ? `${c.source} ${c.locator}` : `${c.source} ${c.label}`;
}

function formatEntry(e: Omit<TimelineEntry, "citations"> & { citations: readonly ShownCitation[] }): string {
  const when =
    e.occurredAt.precision === "day" ? e.occurredAt.from : `${e.occurredAt.from}…${e.occurredAt.to}`;
  const cites = e.citations.map(formatCitation).join("; ");
  return `${when.padEnd(23)} ${e.kind.padEnd(12)} ${e.summary}${cites ? `  [${cites}]` : ""}`;
}
