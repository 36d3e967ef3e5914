/**
 * `tocsin replay (--case ID | --case-dir DIR) [--step day|week|month] [--json]`: walk a case through its period
 * with the early-warning engine, using at each step only what was known then, and print the alerts in order.
 * @module
 */
import type { Command } from "commander";
import { loadRulebook } from "../casefiles/read-rulebook.js";
import {
  REPLAY_STEPS,
  replay,
  type Alert,
  type ReplayResult,
  type ReplayStep,
  type ValidRulebook,
} from "../engine/index.js";
import { usageError } from "./cli-error.js";
import { caseDirFrom, formatProblem, readValidCase } from "./case-source.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";

interface ReplayOptions {
  case?: string;
  caseDir?: string;
  step: string;
  json?: boolean;
}

/** The `--json` document: exactly these keys. */
export function replayJson(result: ReplayResult): unknown {
  return {
    case: result.case,
    steps: result.steps,
    alerts: result.alerts.map((a) => ({
      date: a.date,
      situation: a.situation,
      level: a.level,
      previousLevel: a.previousLevel,
      score: a.score,
      factors: a.factors,
      evidence: a.evidence,
      recommendedActions: a.recommendedActions,
      dutyBearers: a.dutyBearers,
    })),
    firstDateByLevel: result.firstDateByLevel,
    evaluation: result.evaluation,
  };
}

/** Load the package's rulebook or fail with exit 2, listing every problem. */
export async function validRulebook(ctx: CliContext): Promise<ValidRulebook> {
  const r = await loadRulebook(ctx.packageRoot);
  if (!r.ok) {
    for (const p of r.problems) ctx.io.err(`${formatProblem(p)}\n`);
    throw usageError(
      `the rulebook is invalid: ${r.problems.length} problem(s); the engine does not run on it`,
    );
  }
  return r.rulebook;
}

/** One alert as human-readable lines. */
export function formatAlert(a: Alert): string {
  const who = a.situation.groupName ?? a.situation.group ?? "(no group targeted)";
  const lines = [
    `${a.date}  ${a.situation.country} · ${who}  ${a.previousLevel} → ${a.level}  (score ${a.score})`,
  ];
  if (a.factors.length > 0)
    lines.push(`  factors: ${a.factors.map((f) => `${f.factor} ${f.score}`).join(", ")}`);
  for (const r of a.reasons) lines.push(`  why: ${r}`);
  for (const e of a.evidence) {
    const cites = e.citations.map((c) => `${c.source} ${c.locator}`).join("; ");
    lines.push(
      `  evidence: ${e.record}${e.grade ? ` [${e.grade}]` : ""} (${e.indicators.join(", ")})${cites ? ` — ${cites}` : ""}`,
    );
  }
  if (a.recommendedActions.length > 0)
    lines.push(`  actions: ${a.recommendedActions.map((x) => `${x.kind} by ${x.dueAt}`).join(", ")}`);
  lines.push(
    `  notify: ${a.dutyBearers.length > 0 ? a.dutyBearers.join(", ") : "(no actor with the roles to notify)"}`,
  );
  return lines.join("\n");
}

/** Register `replay`. */
export function registerReplayCommand(program: Command, ctx: CliContext): void {
  program
    .command("replay")
    .description(
      "replay a case through the early-warning engine, as known on each step, and print its alerts",
    )
    .option("--case <id>", "a built-in case")
    .option("--case-dir <dir>", "any case folder")
    .option("--step <step>", "day, week or month", "week")
    .option("--json", "print one JSON document")
    .action(async (opts: ReplayOptions) => {
      if (!(REPLAY_STEPS as readonly string[]).includes(opts.step))
        throw usageError(`--step "${opts.step}" must be day, week or month`);
      const bundle = await readValidCase(ctx, caseDirFrom(ctx, opts));
      const rulebook = await validRulebook(ctx);
      const result = replay(bundle, rulebook, { step: opts.step as ReplayStep });
      if (opts.json) {
        printJson(ctx.io, replayJson(result));
        return;
      }
      for (const a of result.alerts) ctx.io.out(`${formatAlert(a)}\n\n`);
      const first = Object.entries(result.firstDateByLevel)
        .map(([level, d]) => `${level} ${d ?? "never"}`)
        .join(", ");
      ctx.io.out(`first date by level: ${first}\n`);
      if (result.evaluation) {
        const lead = Object.entries(result.evaluation.leadTimeDays)
          .map(([level, d]) => `${level} ${d === null ? "never" : `${d} day(s)`}`)
          .join(", ");
        ctx.io.out(`lead time before the onset ${result.evaluation.onset}: ${lead}\n`);
      }
      ctx.io.err(
        `${result.steps} step(s), ${result.alerts.length} alert(s), rulebook ${rulebook.id} ${rulebook.version}\n`,
      );
    });
}
