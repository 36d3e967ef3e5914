import { describe, expect, it } from "vitest";
import { actor, bundle, statement } from "../../../test/analysis/helpers/bundle.js";
import type { Lexicon } from "../../domain/index.js";
import { buildNaming } from "./naming-monitor.js";

const lexicon: Lexicon = {
  version: "t",
  languages: [
    {
      language: "en",
      terms: [
        { text: "genocide", class: "naming" },
        { text: "acts of genocide", class: "qualified-naming" },
        { text: "tribal massacres", class: "euphemism" },
        { text: "civil war", class: "euphemism" },
        { text: "not a genocide", class: "denial" },
      ],
      hedges: ["might"],
    },
    {
      language: "fr",
      terms: [
        { text: "génocide", class: "naming" },
        { text: "guerre civile", class: "euphemism" },
      ],
      hedges: [],
    },
  ],
};

describe("buildNaming", () => {
  const b = bundle(
    {
      actor: [actor("sg", [], { name: "Secretary-General" }), actor("min", [], { name: "Minister" })],
      statement: [
        statement("s1", "1994-04-10", { actor: "sg", terms: ["tribal massacres", "civil war"] }),
        statement("s2", "1994-04-29", { actor: "sg", terms: ["acts of genocide"] }),
        statement("s3", "1994-05-25", { actor: "sg", text: "It is a genocide. I have failed.", terms: [] }),
        statement("s4", "1994-04-20", {
          actor: "min",
          language: "fr",
          terms: ["guerre civile", "chaos total"],
        }),
        statement("s5", "1994-06-01", { actor: "min", terms: ["not a genocide"] }),
      ],
    },
    { evaluation: { onset: "1994-04-07" } },
  );

  it("classifies statements per actor and measures the naming lag from the declared onset", () => {
    const n = buildNaming(b, { asOf: "1994-12-31", lexicon });
    expect(n.onset).toBe("1994-04-07");
    expect(n.statements.map((s) => [s.statement, s.class])).toEqual([
      ["s1", "euphemism"],
      ["s4", "euphemism"],
      ["s2", "qualified-naming"],
      ["s3", "naming"],
      ["s5", "denial"],
    ]);
    const sg = n.actors.find((a) => a.actor === "sg");
    expect(sg).toMatchObject({
      name: "Secretary-General",
      firstNamingAt: "1994-05-25",
      firstNamingStatement: "s3",
      namingLagDays: 48,
      firstQualifiedAt: "1994-04-29",
      firstEuphemismAt: "1994-04-10",
      counts: { naming: 1, "qualified-naming": 1, euphemism: 1, denial: 0, unclassified: 0 },
    });
    const min = n.actors.find((a) => a.actor === "min");
    expect(min?.firstNamingAt).toBeUndefined();
    expect(min?.firstDenialAt).toBe("1994-06-01");
    expect(n.statements.find((s) => s.statement === "s4")?.unmatchedTerms).toEqual(["chaos total"]);
    expect(n.actors.map((a) => a.actor)).toEqual(["sg", "min"]);
  });

  it("sees only the statements of the as-of day and has no lag without a declared onset", () => {
    const early = buildNaming(b, { asOf: "1994-05-01", lexicon });
    expect(early.actors.find((a) => a.actor === "sg")?.firstNamingAt).toBeUndefined();
    const noOnset = buildNaming(
      { ...b, manifest: { ...b.manifest, evaluation: {} } },
      { asOf: "1994-12-31", lexicon },
    );
    expect(noOnset.actors[0]?.namingLagDays).toBeUndefined();
    expect(noOnset.actors[0]?.firstNamingAt).toBe("1994-05-25");
  });

  it("reads a listed term in the statement's text, and counts an imprecise date from its last possible day", () => {
    const nb = bundle(
      {
        statement: [
          statement("h1", "1994-02-25", {
            actor: "x",
            terms: ["genocide"],
            text: "opinion might not tolerate witnesses to genocide",
          }),
          statement("h2", "1994-05/1994-05-27", {
            actor: "y",
            terms: ["genocide"],
            text: "It is a genocide (…) I have failed",
          }),
        ],
      },
      { evaluation: { onset: "1994-04-07" } },
    );
    const n = buildNaming(nb, { asOf: "1994-12-31", lexicon });
    expect(n.statements.map((s) => [s.statement, s.class, s.date, s.earliest])).toEqual([
      ["h1", "qualified-naming", "1994-02-25", "1994-02-25"],
      ["h2", "naming", "1994-05-27", "1994-05-01"],
    ]);
    expect(n.actors.find((a) => a.actor === "y")).toMatchObject({
      firstNamingAt: "1994-05-27",
      namingLagDays: 50,
      firstNamingEarliest: "1994-05-01",
      namingLagDaysEarliest: 24,
    });
  });

  it("is empty for a case with no statements, and names an unknown actor by id", () => {
    expect(buildNaming(bundle(), { asOf: "1994-12-31", lexicon })).toEqual({
      asOf: "1994-12-31",
      actors: [],
      statements: [],
    });
    const n = buildNaming(
      bundle({ statement: [statement("s1", "1994-05-01", { actor: "ghost", terms: ["genocide"] })] }),
      { asOf: "1994-12-31", lexicon },
    );
    expect(n.actors[0]?.name).toBe("ghost");
  });
});
