import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCaseFolder } from "../../casefiles/index.js";
import { readLexicon } from "../../casefiles/read-lexicon.js";
import { loadRulebook } from "../../casefiles/read-rulebook.js";
import { replay } from "../../engine/index.js";
import { CaseVersion, type AnalysisInputs } from "../case-analysis.js";
import { replayOffThread } from "./replay-thread.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");

/** The rulebook and lexicon `tocsin serve` uses. */
async function loadAnalysisInputs(): Promise<AnalysisInputs> {
  const rb = await loadRulebook(ROOT);
  const lex = await readLexicon(join(ROOT, "rulebook", "lexicon"));
  if (!rb.ok || !lex.ok) throw new Error("the rulebook or the lexicon does not validate");
  return { rulebook: rb.rulebook, lexicon: lex.lexicon };
}

describe("replayOffThread", () => {
  it("gives the same replay as the engine run inline, and the same ledger through CaseVersion", async () => {
    const read = await readCaseFolder(join(ROOT, "cases", "rwanda-1990-1994"));
    if (!read.ok) throw new Error("the Rwanda case does not validate");
    const inputs = await loadAnalysisInputs();
    const rulebook = inputs.rulebook;
    if (!rulebook) throw new Error("no rulebook");
    const to = "1994-07-31";
    const inline = replay(read.bundle, rulebook, {
      step: "day",
      to,
      ...(inputs.lexicon ? { lexicon: inputs.lexicon } : {}),
    });
    const threaded = await replayOffThread(read.bundle, inputs, to);
    expect(threaded.alerts.length).toBeGreaterThan(0);
    expect(threaded).toEqual(inline);

    const offloaded = new CaseVersion(read.bundle, inputs);
    await offloaded.prepareReplay(replayOffThread);
    expect(offloaded.replay).toEqual(new CaseVersion(read.bundle, inputs).replay);
  }, 120_000);

  it("CaseVersion replays inline when the offload fails", async () => {
    const read = await readCaseFolder(join(ROOT, "cases", "rwanda-1990-1994"));
    if (!read.ok) throw new Error("the Rwanda case does not validate");
    const inputs = await loadAnalysisInputs();
    const v = new CaseVersion(read.bundle, inputs);
    await v.prepareReplay(() => Promise.reject(new Error("no threads here")));
    expect(v.replay?.alerts.length).toBeGreaterThan(0);
  }, 120_000);
});
