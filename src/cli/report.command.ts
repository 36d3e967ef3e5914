/**
 * `tocsin report (--case ID | --case-dir DIR) [--format md|html|json] [--out FILE]`: the Genocide Convention
 * scorecard of a case — the ledger, commitments, gaps, naming and accountability — as Markdown, JSON or a
 * printable HTML page. The risk-level timeline comes from an engine replay of the same case.
 * @module
 */
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import type { Command } from "commander";
import {
  analyseCase,
  renderHtml,
  renderJson,
  renderMarkdown,
  scorecardHeadlines,
  type Scorecard,
} from "../analysis/index.js";
import { isIsoDay, type CaseBundle } from "../domain/index.js";
import { REPLAY_STEPS, type ReplayStep } from "../engine/index.js";
import { caseDirFrom, readValidCase } from "./case-source.js";
import { usageError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { validLexicon, validRulebook } from "./package-rules.js";

export { validLexicon } from "./package-rules.js";

export const REPORT_FORMATS = ["md", "html", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportOptions {
  case?: string;
  caseDir?: string;
  format: string;
  out?: string;
  asOf?: string;
  step: string;
  window: string;
  withAlerts?: boolean;
}

/** Render a scorecard in one of the report formats. */
export function renderReport(sc: Scorecard, format: ReportFormat): string {
  return format === "html" ? renderHtml(sc) : format === "json" ? renderJson(sc) : renderMarkdown(sc);
}

/**
 * Build the scorecard of a case as the CLI shows it: as of the last day anything in the case became known
 * (unless `asOf` is given), with the replayed level timeline and the shipped lexicon.
 * @example const sc = await caseScorecard(ctx, bundle, {}); scorecardHeadlines(sc)
 */
export async function caseScorecard(
  ctx: CliContext,
  bundle: CaseBundle,
  options: { asOf?: string; step?: ReplayStep; responseWindowDays?: number; withAlerts?: boolean },
): Promise<Scorecard> {
  const inputs = { rulebook: await validRulebook(ctx), lexicon: await validLexicon(ctx) };
  return analyseCase(bundle, inputs, options).scorecard;
}

/** Register `report`. */
export function registerReportCommand(program: Command, ctx: CliContext): void {
  program
    .command("report")
    .description(
      "the Genocide Convention scorecard of a case: prevention and punishment, with evidence and citations",
    )
    .option("--case <id>", "a built-in case")
    .option("--case-dir <dir>", "any case folder")
    .option("--format <format>", "md, html or json", "md")
    .option("--out <file>", "write the report to a file instead of stdout")
    .option(
      "--as-of <day>",
      "compute as of this day (default: the last day anything in the case became known)",
    )
    .option("--step <step>", "replay step for the risk-level timeline: day, week or month", "day")
    .option(
      "--window <days>",
      "days to answer a request or follow up a commitment that names no due date",
      "30",
    )
    .option(
      "--with-alerts",
      "add the engine's replayed alerts to the ledger as warnings (counterfactual for a past case)",
    )
    .action(async (opts: ReportOptions) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format))
        throw usageError(`--format "${opts.format}" must be md, html or json`);
      if (!(REPLAY_STEPS as readonly string[]).includes(opts.step))
        throw usageError(`--step "${opts.step}" must be day, week or month`);
      if (opts.asOf !== undefined && !isIsoDay(opts.asOf))
        throw usageError(`--as-of "${opts.asOf}" is not a day YYYY-MM-DD`);
      const window = Number(opts.window);
      if (!Number.isInteger(window) || window < 0)
        throw usageError(`--window "${opts.window}" must be a whole number of days`);
      const bundle = await readValidCase(ctx, caseDirFrom(ctx, opts));
      const sc = await caseScorecard(ctx, bundle, {
        ...(opts.asOf === undefined ? {} : { asOf: opts.asOf }),
        step: opts.step as ReplayStep,
        responseWindowDays: window,
        withAlerts: opts.withAlerts === true,
      });
      for (const p of sc.ledger.problems) ctx.io.err(`note: ${p.record}: ${p.message}\n`);
      const text = renderReport(sc, opts.format as ReportFormat);
      if (opts.out === undefined) {
        ctx.io.out(text);
        return;
      }
      const file = resolve(opts.out);
      await writeFile(file, text, "utf8");
      ctx.io.err(`wrote ${file}\n`);
      for (const h of scorecardHeadlines(sc)) ctx.io.err(`${h}\n`);
    });
}
