/**
 * The package's rules, loaded for a command: the early-warning rulebook and the naming lexicon, or exit 2 with
 * every problem listed (the engine never runs on a half-valid rulebook).
 * @module
 */
import { join } from "node:path";
import { loadRulebook } from "../casefiles/read-rulebook.js";
import { readLexicon } from "../casefiles/read-lexicon.js";
import type { Lexicon } from "../domain/index.js";
import type { ValidRulebook } from "../engine/index.js";
import { usageError } from "./cli-error.js";
import { formatProblem } from "./case-source.js";
import type { CliContext } from "./context.js";

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

/** Load the package's naming lexicon or fail with exit 2, listing every problem. */
export async function validLexicon(ctx: CliContext): Promise<Lexicon> {
  const r = await readLexicon(join(ctx.packageRoot, "rulebook", "lexicon"));
  if (!r.ok) {
    for (const p of r.problems) ctx.io.err(`${formatProblem(p)}\n`);
    throw usageError(`the naming lexicon is invalid: ${r.problems.length} problem(s)`);
  }
  return r.lexicon;
}
