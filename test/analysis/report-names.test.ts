// Names, not ids, in the report a person reads: the scorecard's evidence names the actors it rests on (in Markdown
// and HTML) and keeps other records' ids, on the built-in case.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildScorecard, renderHtml, renderMarkdown } from "../../src/analysis/index.js";
import { loadCase, loadLexicon, ROOT } from "./helpers/load.js";

describe("report evidence", () => {
  it("names the actors among the evidence and keeps other records' ids", async () => {
    const bundle = await loadCase(join(ROOT, "cases/rwanda-1990-1994"));
    const sc = buildScorecard(bundle, { asOf: "2019-07-17", levels: [], lexicon: await loadLexicon() });
    const findings = [...sc.prevention.findings, ...sc.punishment.findings];
    const actors = new Map(bundle.records.actor.map((a) => [a.id, a.name]));
    const named = findings.flatMap((f) => Object.entries(f.evidenceNames));
    expect(named.length).toBeGreaterThan(0);
    const md = renderMarkdown(sc);
    const html = renderHtml(sc);
    for (const [id, name] of named) {
      expect(name).toBe(actors.get(id));
      expect(md).not.toContain(`\`${id}\``);
      expect(html).not.toContain(`<code>${id}</code>`);
    }
    // Every actor the evidence cites is named; records of other kinds keep their ids.
    const others = findings.flatMap((f) => f.evidence.filter((e) => f.evidenceNames[e] === undefined));
    expect(others.filter((id) => actors.has(id))).toEqual([]);
    expect(others.length).toBeGreaterThan(0);
    for (const id of others) expect(md).toContain(`\`${id}\``);
  });
});
