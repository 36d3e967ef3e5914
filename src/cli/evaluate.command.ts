/**
 * `tocsin evaluate DIR... [--step day|week|month] [--json]`: replay each case folder (or each case folder inside
 * a folder of cases) with the package's rulebook and lexicon, and score the engine against each case's
 * evaluation truth — lead times of high and imminent, the lag of ongoing, controls, reversals, drops to none —
 * with a summary row. A measurement, not a check: it exits 0 when every case was read, 2 when one was invalid.
 * @module
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import {
  evaluateCase,
  summariseEvaluations,
  type CaseEvaluation,
} from "../analysis/evaluation/evaluate-case.js";
import { REPLAY_STEPS, replay, type ReplayStep } from "../engine/index.js";
import { usageError } from "./cli-error.js";
import { readValidCase } from "./case-source.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";
import { validLexicon, validRulebook } from "./package-rules.js";

interface EvaluateOptions {
  step: string;
  json?: boolean;
}

/** The case folders named: each DIR that holds a case.json, else the sub-folders of DIR that do. */
async function caseFolders(dirs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const d of dirs) {
    const dir = path.resolve(d);
    const isDir = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) throw usageError(`${d}: not a folder`);
    const entries = await readdir(dir);
    if (entries.includes("case.json")) {
      out.push(dir);
      continue;
    }
    const subs: string[] = [];
    for (const e of entries.sort()) {
      const sub = path.join(dir, e);
      const hasCase = await stat(path.join(sub, "case.json")).then(
        (s) => s.isFile(),
        () => false,
      );
      if (hasCase) subs.push(sub);
    }
    if (subs.length === 0) throw usageError(`${d}: no case.json in it or in its sub-folders`);
    out.push(...subs);
  }
  return out;
}

const cell = (x: number | string | null): string => (x === null ? "—" : String(x));

/** The human table: one row a case, then the summary. */
export function formatEvaluation(rows: readonly CaseEvaluation[]): string {
  const head = [
    "case",
    "kind",
    "onset",
    "high lead",
    "imminent lead",
    "ongoing lag",
    "max level",
    "days ≥ high",
    "reversals (<30 d)",
    "none w/ structural",
    "targets met",
  ];
  const body = rows.map((r) => [
    r.case,
    r.kind,
    cell(r.onset),
    cell(r.leadHigh),
    cell(r.leadImminent),
    r.massAtrocityKnown === null ? "—" : r.ongoingLag === null ? "never" : String(r.ongoingLag),
    r.maxLevel,
    String(r.daysHighOrAbove),
    `${r.reversals} (${r.quickReversals})`,
    String(r.dropsToNoneWithStructural.length),
    `${r.targets.filter((t) => t.met).length}/${r.targets.length}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  const s = summariseEvaluations(rows);
  const lines = [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line), ""];
  lines.push(
    `summary: ${s.cases} case(s); median high lead ${cell(s.medianLeadHigh)} days; median ongoing lag ${cell(s.medianOngoingLag)} days`,
  );
  for (const t of s.targets) lines.push(`  ${t.target}: ${t.met}/${t.of}`);
  const missed = rows.flatMap((r) =>
    r.targets.filter((t) => !t.met).map((t) => `  ${r.case}: ${t.target} — ${t.detail}`),
  );
  if (missed.length > 0) lines.push("missed:", ...missed);
  return `${lines.join("\n")}\n`;
}

/** Register `evaluate`. */
export function registerEvaluateCommand(program: Command, ctx: CliContext): void {
  program
    .command("evaluate")
    .description(
      "replay case folders and score the early-warning engine against each case's evaluation truth",
    )
    .argument("<dirs...>", "case folders, or folders of case folders (e.g. cases/development)")
    .option("--step <step>", "day, week or month (every day a record becomes known is assessed too)", "week")
    .option("--json", "print one JSON document")
    .action(async (dirs: string[], opts: EvaluateOptions) => {
      if (!(REPLAY_STEPS as readonly string[]).includes(opts.step))
        throw usageError(`--step "${opts.step}" must be day, week or month`);
      const folders = await caseFolders(dirs);
      const rulebook = await validRulebook(ctx);
      const lexicon = await validLexicon(ctx);
      const rows: CaseEvaluation[] = [];
      const notices: { case: string; notices: readonly string[] }[] = [];
      for (const dir of folders) {
        const bundle = await readValidCase(ctx, dir);
        const result = replay(bundle, rulebook, { step: opts.step as ReplayStep, lexicon });
        rows.push(evaluateCase(bundle, result));
        if (result.notices.length > 0) notices.push({ case: bundle.manifest.id, notices: result.notices });
      }
      if (opts.json)
        printJson(ctx.io, {
          rulebook: { id: rulebook.id, version: rulebook.version },
          cases: rows,
          summary: summariseEvaluations(rows),
          notices,
        });
      else ctx.io.out(formatEvaluation(rows));
      for (const n of notices) for (const x of n.notices) ctx.io.err(`${n.case}: ${x}\n`);
      ctx.io.err(`${rows.length} case(s) evaluated with rulebook ${rulebook.id} ${rulebook.version}\n`);
    });
}
