import { describe, expect, it } from "vitest";
import type { Source } from "../domain/index.js";
import { ANONYMOUS, redactDeep } from "./redact.js";

const informant: Source = {
  id: "src-x",
  kind: "informant",
  title: "Informant in the capital",
  occurredAt: { from: "1994-01-10", to: "1994-01-10", precision: "day" },
  knownAt: "1994-01-10",
  citations: [{ source: "src-cable", locator: "p. 1" }],
  reliability: "C",
  credibility: 2,
  confidential: true,
  author: "someone",
  notes: "met at the usual place",
  protectedIdentity: { name: "Jean X", contact: "+250 000" },
};

const article: Source = {
  ...informant,
  id: "src-a",
  kind: "article",
  title: "An article",
  confidential: false,
  protectedIdentity: undefined,
};

describe("redactDeep", () => {
  it("replaces a confidential source nested anywhere by its graded, neutral view", () => {
    const out = redactDeep({ page: { items: [informant] } }, ANONYMOUS);
    expect(out.page.items[0]).toEqual({
      id: "src-x",
      kind: "informant",
      title: "Protected source",
      occurredAt: { from: "1994-01-10", to: "1994-01-10", precision: "day" },
      knownAt: "1994-01-10",
      citations: [],
      reliability: "C",
      credibility: 2,
      confidential: true,
      redacted: true,
    });
  });

  it("leaves a public source and other values as they are", () => {
    expect(redactDeep([article, 1, "a", null], ANONYMOUS)).toEqual([article, 1, "a", null]);
  });

  it("drops a stray protectedIdentity key on any object", () => {
    expect(redactDeep({ x: { protectedIdentity: { name: "n" }, y: 1 } }, ANONYMOUS)).toEqual({ x: { y: 1 } });
  });

  it("passes everything through for an entitled viewer", () => {
    const body = { s: informant };
    expect(redactDeep(body, { entitled: true })).toBe(body);
  });

  it("handles empty and missing input", () => {
    expect(redactDeep([], ANONYMOUS)).toEqual([]);
    expect(redactDeep({}, ANONYMOUS)).toEqual({});
    expect(redactDeep(undefined, ANONYMOUS)).toBeUndefined();
  });
});

describe("redactDeep: citations", () => {
  it("blanks the locator of a citation to a confidential source, keeps public ones", () => {
    const body = {
      citations: [
        { source: "src-inf", locator: "account relayed in the cable" },
        { source: "src-pub", locator: "p. 3" },
      ],
    };
    const out = redactDeep(body, ANONYMOUS, (id) => id === "src-inf");
    expect(out.citations).toEqual([
      { source: "src-inf", locator: "", label: "Protected source" },
      { source: "src-pub", locator: "p. 3" },
    ]);
  });
});

describe("redactDeep: a source that is confidential now", () => {
  it("redacts an earlier version that still says it was public, by its id", () => {
    const earlier = {
      ...article,
      id: "src-x",
      title: "Dr Jane Roe, clinic in Town X",
      url: "https://x.test",
    };
    const out = redactDeep({ versions: [{ record: earlier }] }, ANONYMOUS, (id) => id === "src-x");
    const shown = out.versions[0]?.record as unknown as Record<string, unknown>;
    expect(shown.title).toBe("Protected source");
    expect(shown.confidential).toBe(true);
    expect(JSON.stringify(out)).not.toMatch(/Jane Roe|x\.test/);
    // A public source that no rule names confidential passes unchanged.
    expect(redactDeep({ s: article }, ANONYMOUS, () => false).s).toEqual(article);
  });
});
