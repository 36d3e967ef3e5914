import { mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rulebookJsonSchemaText } from "../contracts/rulebook.schema.js";
import { loadRulebook, parseProblemPath, parseRulebookFile, readRulebook } from "./read-rulebook.js";

const root = join(import.meta.dirname, "../..");
const fixtures = join(root, "test/fixtures/rulebooks");

async function problemsOf(file: string) {
  const r = await readRulebook(join(fixtures, file));
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.problems;
}

describe("readRulebook: broken rulebooks list every problem with file, field and line", () => {
  it("reports invalid JSON with its line", async () => {
    expect(await problemsOf("broken-json.json")).toEqual([
      {
        code: "json",
        file: "broken-json.json",
        line: 4,
        message: "invalid JSON: expected a property name in double quotes, found ','",
      },
    ]);
  });

  it("reports schema errors and stops before the semantic checks", async () => {
    expect(await problemsOf("broken-schema.json")).toEqual([
      {
        code: "schema",
        file: "broken-schema.json",
        field: "indicators[0].weight",
        line: 22,
        message: "Too small: expected number to be >0",
      },
      {
        code: "schema",
        file: "broken-schema.json",
        field: "mappings[0].record",
        line: 85,
        // "series": a mapping may read an event-count series (docs/rulebook.md, "Event surges");
        // "statement": read with the naming lexicon (rulebook 3).
        message:
          'Invalid option: expected one of "incident"|"report"|"warning"|"response"|"mandate"|"statement"|"series"',
      },
      // No "levels" problem: a rulebook has score-based levels or criteria, which the semantic checks require.
      {
        code: "schema",
        file: "broken-schema.json",
        field: "colour",
        line: 260,
        message: 'Unrecognized key: "colour"',
      },
    ]);
  });

  it("reports unknown factors, signals, indicators, act types, tags, actions and roles", async () => {
    const f = "broken-unknown-names.json";
    expect(await problemsOf(f)).toEqual([
      {
        code: "unknown-reference",
        file: f,
        field: "indicators[1].factor",
        line: 31,
        message: 'unknown risk factor "F99"',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "indicators[2].signals[1]",
        line: 50,
        message: 'unknown signal "vibes"',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "mappings[0].indicators[0].indicator",
        line: 94,
        message: 'unknown indicator "X9"',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "mappings[1].when.acts[0]",
        line: 104,
        message: 'unknown act type "massacr"',
      },
      {
        code: "not-applicable",
        file: f,
        field: "mappings[4].when.acts",
        line: 152,
        message: '"acts" does not apply to report records',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "mappings[4].when.tags[0]",
        line: 150,
        message: 'unknown finding tag "bad-omens"',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "escalation.stages[1].indicators[1]",
        line: 273,
        message: 'unknown indicator "Z1"',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "playbook[2].actions[0].kind",
        line: 316,
        message: 'unknown action kind "bomb"',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "playbook[2].notifyRoles[2]",
        line: 329,
        message: 'unknown actor role "pope"',
      },
    ]);
  });

  it("reports cycles among derived indicators and in the stage order", async () => {
    const f = "broken-cycles.json";
    expect(await problemsOf(f)).toEqual([
      {
        code: "cycle",
        file: f,
        field: "indicators[2].derivedFrom",
        line: 51,
        message: "derived indicators form a cycle: P1 → D1 → P1",
      },
      {
        code: "cycle",
        file: f,
        field: "escalation.stages[0].follows",
        line: 233,
        message: "stage ordering forms a cycle: preparation → persecution → extermination → preparation",
      },
    ]);
  });

  it("reports duplicate ids", async () => {
    const f = "broken-duplicates.json";
    expect(await problemsOf(f)).toEqual([
      {
        code: "duplicate-id",
        file: f,
        field: "riskFactors[2]",
        line: 16,
        message: 'duplicate risk factor "F1"',
      },
      {
        code: "duplicate-id",
        file: f,
        field: "indicators[5]",
        line: 86,
        message: 'duplicate indicator "C1"',
      },
      { code: "duplicate-id", file: f, field: "mappings[4]", line: 160, message: 'duplicate mapping "kill"' },
    ]);
  });

  it("reports missing levels, playbook entries and grades", async () => {
    const f = "broken-missing.json";
    expect(await problemsOf(f)).toEqual([
      {
        code: "missing",
        file: f,
        field: "grading.reliability",
        line: 146,
        message: 'no weight for reliability "F"',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "grading.credibility.7",
        line: 160,
        message: 'unknown credibility "7"',
      },
      {
        code: "unknown-reference",
        file: f,
        field: "levels[0].level",
        line: 175,
        message: 'unknown level "alarming" (use elevated, high, imminent, ongoing)',
      },
      { code: "missing", file: f, field: "levels", line: 172, message: 'no rule for level "elevated"' },
      { code: "missing", file: f, field: "levels", line: 172, message: 'no rule for level "ongoing"' },
      {
        code: "missing",
        file: f,
        field: "playbook",
        line: 243,
        message: 'no playbook entry for level "ongoing"',
      },
    ]);
  });

  it("reports a missing file (missing input)", async () => {
    const r = await readRulebook(join(fixtures, "no-such.v1.json"));
    expect(r).toEqual({
      ok: false,
      problems: [{ code: "io", file: join(fixtures, "no-such.v1.json"), message: "file not found" }],
    });
  });

  it("rejects an empty file", () => {
    expect(parseRulebookFile("empty.json", "")).toEqual({
      ok: false,
      problems: [
        { code: "json", file: "empty.json", line: 1, message: "invalid JSON: unexpected end of file" },
      ],
    });
  });

  it("accepts a valid rulebook and plans its evaluation order", async () => {
    const r = await readRulebook(join(fixtures, "valid-tiny.v1.json"));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.rulebook.plan.indicatorOrder).toEqual(["C1", "T1", "P1", "P2", "D1"]);
      expect(r.rulebook.plan.stageOrder).toEqual(["preparation", "persecution", "extermination"]);
      expect(r.rulebook.plan.levelRules.map((l) => l.id)).toEqual([
        "elevated",
        "high",
        "imminent",
        "ongoing",
      ]);
    }
  });

  it("never throws, whatever the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const r = parseRulebookFile("x.json", text);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe("the package rulebook", () => {
  it("loads and passes every check", async () => {
    const r = await loadRulebook(root);
    if (!r.ok) throw new Error(JSON.stringify(r.problems, null, 2));
    expect(r.file).toBe("atrocity-risk.v3.json");
    expect(r.rulebook.riskFactors.map((f) => f.id)).toEqual(
      Array.from({ length: 14 }, (_, i) => `RF${i + 1}`),
    );
    // Rulebook 3 decides levels by criteria, every level has at least one, and imminent requires high.
    expect(r.rulebook.levels).toBeUndefined();
    const plan = r.rulebook.plan.criteria;
    expect(plan?.levelsTopDown.map((l) => [l.level, l.criteria.length > 0])).toEqual([
      ["ongoing", true],
      ["imminent", true],
      ["high", true],
      ["elevated", true],
    ]);
    expect(
      r.rulebook.criteria?.filter((c) => c.level === "imminent").every((c) => c.requires === "high"),
    ).toBe(true);
  });

  it("keeps the earlier versions valid, so their replays stay reproducible", async () => {
    for (const v of [1, 2]) {
      const text = await readFile(join(root, `rulebook/atrocity-risk.v${v}.json`), "utf8");
      const r = parseRulebookFile(`atrocity-risk.v${v}.json`, text);
      expect(r.ok ? [] : r.problems).toEqual([]);
    }
  });

  it("has a committed JSON Schema equal to the one generated from the zod schema", async () => {
    const committed = JSON.parse(
      await readFile(join(root, "rulebook/rulebook.schema.json"), "utf8"),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(rulebookJsonSchemaText()));
  });
});

describe("loadRulebook", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tocsin-rulebook-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("reports a missing rulebook folder", async () => {
    expect(await loadRulebook(join(dir, "nowhere"))).toEqual({
      ok: false,
      problems: [
        { code: "io", file: join(dir, "nowhere", "rulebook"), message: "rulebook folder not found" },
      ],
    });
  });

  it("picks the highest version and ignores other files", async () => {
    const rb = join(dir, "one", "rulebook");
    await mkdir(join(rb, "lexicon"), { recursive: true });
    const text = await readFile(join(fixtures, "valid-tiny.v1.json"), "utf8");
    await writeFile(join(rb, "tiny.v2.json"), text);
    await writeFile(join(rb, "tiny.v10.json"), text);
    await writeFile(join(rb, "rulebook.schema.json"), "{}");
    const r = await loadRulebook(join(dir, "one"));
    expect(r.ok && r.file).toBe("tiny.v10.json");
  });

  it("refuses two different rulebooks side by side", async () => {
    const rb = join(dir, "two", "rulebook");
    await mkdir(rb, { recursive: true });
    await writeFile(join(rb, "a.v1.json"), "{}");
    await writeFile(join(rb, "b.v1.json"), "{}");
    expect(await loadRulebook(join(dir, "two"))).toEqual({
      ok: false,
      problems: [{ code: "io", file: rb, message: "more than one rulebook: a, b" }],
    });
  });
});

describe("parseProblemPath", () => {
  it("turns a checker path back into a JSON path", () => {
    expect(parseProblemPath("mappings[4].when.tags[0]")).toEqual(["mappings", 4, "when", "tags", 0]);
    expect(parseProblemPath("grading.credibility.7")).toEqual(["grading", "credibility", "7"]);
    expect(parseProblemPath("")).toEqual([]);
  });
});

describe("docs/rulebook.md", () => {
  it("explains every criterion of the package rulebook, by id", async () => {
    const r = await loadRulebook(root);
    if (!r.ok) throw new Error("rulebook invalid");
    const doc = await readFile(join(root, "docs/rulebook.md"), "utf8");
    const missing = (r.rulebook.criteria ?? []).map((c) => c.id).filter((id) => !doc.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });
});
