/**
 * `tocsin evidence --case ID --situation S --criterion K [--condition C] [--from DAY] --to DAY [--db PATH]
 * [--limit N] [--cursor X] [--json]`: every record a criterion's conditions count for one situation over a
 * window of event days — the rest of what an alert cites ("and 4,210 more"), a page at a time.
 * @module
 */
import type { Command } from "commander";
import { redactCitations } from "../domain/index.js";
import {
  confidentialSourceIds,
  EvidenceQueryError,
  queryEvidence,
  redactLocation,
  type EvidencePage,
  type EvidenceRecord,
} from "../storage/index.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { validLexicon, validRulebook } from "./package-rules.js";
import { escapeControls } from "./terminal-text.js";
import { formatCitation } from "./timeline.command.js";
import { withStore } from "./with-store.js";

/** A page as printed: citations to confidential sources without their locators. */
type ShownPage = Omit<EvidencePage, "records"> & {
  readonly records: readonly (Omit<EvidenceRecord, "citations"> & {
    readonly citations: ReturnType<typeof redactCitations>;
  })[];
};

interface EvidenceOptions {
  case?: string;
  situation?: string;
  criterion?: string;
  condition?: string;
  from?: string;
  to?: string;
  db?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

/** Register `evidence`. */
export function registerEvidenceCommand(program: Command, ctx: CliContext): void {
  program
    .command("evidence")
    .description(
      "list every record a criterion counts for a situation over a window (what alerts cite by reference)",
    )
    .option("--case <id>", "the stored case")
    .option("--situation <id>", "the situation, as alerts name it (e.g. SDN/* for a country's civilians)")
    .option("--criterion <id>", "the criterion of the rulebook")
    .option("--condition <id>", "one condition of the criterion (default: all)")
    .option("--from <day>", "first event day (default: any time)")
    .option("--to <day>", "last event day; only what was known by then counts")
    .option("--db <path>", "the store (SQLite file or postgres:// URL)")
    .option("--limit <n>", "records per page (at most 1000)", "100")
    .option("--cursor <cursor>", "the next page, as the previous page named it")
    .option("--json", "print one JSON document")
    .action(async (opts: EvidenceOptions) => {
      for (const name of ["case", "situation", "criterion", "to"] as const)
        if (opts[name] === undefined) throw usageError(`evidence needs --${name}`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
        throw usageError(`--limit "${opts.limit}" must be a whole number from 1 to 1000`);
      const rulebook = await validRulebook(ctx);
      const lexicon = await validLexicon(ctx);
      const location = opts.db ?? ctx.defaultDb;
      const [page, confidential] = await withStore(location, async (store) => {
        try {
          const found = await queryEvidence(
            store,
            rulebook,
            {
              caseId: opts.case as string,
              situation: opts.situation as string,
              criterion: opts.criterion as string,
              to: opts.to as string,
              limit,
              ...(opts.condition === undefined ? {} : { condition: opts.condition }),
              ...(opts.from === undefined ? {} : { from: opts.from }),
              ...(opts.cursor === undefined ? {} : { cursor: opts.cursor }),
            },
            lexicon,
          );
          return [found, await confidentialSourceIds(store)] as const;
        } catch (e) {
          if (e instanceof EvidenceQueryError) throw usageError(e.message);
          throw e;
        }
      });
      if (page === undefined)
        throw usageError(`--case "${opts.case}" is not a case in ${redactLocation(location)}`);
      const shown: ShownPage = {
        ...page,
        records: page.records.map((r) => ({
          ...r,
          citations: redactCitations(r.citations, (id) => confidential.has(id)),
        })),
      };
      if (opts.json) printJson(ctx.io, shown);
      else printPage(ctx, shown);
    });
}

function printPage(ctx: CliContext, p: ShownPage): void {
  const window = `${p.from ?? "any time"} – ${p.to}`;
  ctx.io.out(
    `${escapeControls(p.situation)} · ${p.criterion} (${p.conditions.join(", ")}) · ${window}: ${p.total} record(s)\n`,
  );
  for (const r of p.records) {
    const cites = r.citations.map(formatCitation).join("; ");
    ctx.io.out(
      escapeControls(
        `${r.eventDay}  ${r.record} [${r.confidence}${r.grade ? ` ${r.grade}` : ""}] known ${r.knownAt}, ` +
          `${r.deaths} death(s) — ${r.conditions.join(", ")}${cites ? ` — ${cites}` : ""}`,
      ) + "\n",
    );
  }
  if (p.nextCursor !== null) ctx.io.out(`more: --cursor ${p.nextCursor}\n`);
}
