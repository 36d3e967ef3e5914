import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Lexicon } from "./index.js";
import { compileLexicon, matchTerms } from "./term-match.js";
import { sameWord, tokens } from "./term-normalize.js";

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
        { text: "chaos", class: "euphemism" },
        { text: "not a genocide", class: "denial" },
      ],
      hedges: ["might", "could"],
    },
    {
      language: "fr",
      terms: [
        { text: "génocide", class: "naming" },
        { text: "actes de génocide", class: "qualified-naming" },
        { text: "massacres tribaux", class: "euphemism" },
      ],
      hedges: ["pourrait"],
    },
  ],
};
const lex = compileLexicon(lexicon);
const found = (text: string) => matchTerms(lex, text).map((m) => [m.term, m.class]);

describe("tokens and sameWord", () => {
  it("drop case, accents and punctuation", () => {
    expect(tokens("« GÉNOCIDE », c’est-à-dire…")).toEqual(["genocide", "c", "est", "a", "dire"]);
  });
  it("accept plural endings but not on short words", () => {
    expect([
      sameWord("genocides", "genocide"),
      sameWord("massacre", "massacres"),
      sameWord("tribaux", "tribau"),
      sameWord("as", "a"),
    ]).toEqual([true, true, true, false]);
  });
});

describe("matchTerms", () => {
  it("takes the longest match first, so acts of genocide is not also naming", () => {
    expect(found("Acts of genocide may have occurred")).toEqual([["acts of genocide", "qualified-naming"]]);
    expect(found("des actes de génocide")).toEqual([["actes de génocide", "qualified-naming"]]);
    expect(found("This is not a genocide but chaos")).toEqual([
      ["not a genocide", "denial"],
      ["chaos", "euphemism"],
    ]);
  });

  it("matches across case, accents, plural and punctuation, on word boundaries only", () => {
    expect(found("It is a GENOCIDE.")).toEqual([["genocide", "naming"]]);
    expect(found("genocides, Genocide; génocide")).toEqual([
      ["genocide", "naming"],
      ["genocide", "naming"],
      ["genocide", "naming"],
    ]);
    expect(found("Tribal massacre in a civil-war context")).toEqual([
      ["tribal massacres", "euphemism"],
      ["civil war", "euphemism"],
    ]);
    expect(found("genocidaire chaotic warlords")).toEqual([]);
  });

  it("turns a hedged naming into qualified naming", () => {
    const ms = matchTerms(
      lex,
      "public opinion might never tolerate peacekeepers remaining passive witnesses to genocide",
    );
    expect(ms).toEqual([{ term: "genocide", class: "qualified-naming", language: "en", hedged: true }]);
    // A hedge reaches to the end of its sentence only.
    expect(found("It might rain. It is a genocide.")).toEqual([["genocide", "naming"]]);
    expect(found("cela pourrait être un génocide")).toEqual([["genocide", "qualified-naming"]]);
  });

  it("finds nothing in empty text or with an empty lexicon", () => {
    expect(found("")).toEqual([]);
    expect(matchTerms(compileLexicon({ version: "0", languages: [] }), "genocide")).toEqual([]);
  });

  it("never reports overlapping or out-of-text matches (property)", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom("genocide", "acts", "of", "civil", "war", "chaos", "the", "not", "a", "É", ","),
          { maxLength: 30 },
        ),
        (words) => {
          const text = words.join(" ");
          const ms = matchTerms(lex, text);
          const naming = ms.filter((m) => m.class === "naming").length;
          const qualified = ms.filter((m) => m.term === "acts of genocide").length;
          const denial = ms.filter((m) => m.term === "not a genocide").length;
          const total = tokens(text).filter((t) => t === "genocide").length;
          // Every "genocide" word is counted once: as naming, inside a qualified naming, or inside a denial.
          expect(naming + qualified + denial).toBe(total);
        },
      ),
    );
  });
});

describe("matchTerms: crimes and findings (lexicon version 2)", () => {
  const lex = compileLexicon({
    version: "t",
    languages: [
      {
        language: "en",
        terms: [
          { text: "genocide", class: "naming", crime: "genocide" },
          { text: "risk of genocide", class: "qualified-naming", crime: "genocide", finding: "risk" },
          {
            text: "ethnic cleansing",
            class: "qualified-naming",
            crime: "ethnic-cleansing",
            finding: "established",
          },
          { text: "civil war", class: "euphemism" },
        ],
        hedges: ["would", "might"],
        qualifiers: ["may", "amount to"],
      },
    ],
  });
  it("says which crime a term names and how far the finding goes", () => {
    expect(matchTerms(lex, "This is ethnic cleansing. There is a risk of genocide; a civil war.")).toEqual([
      {
        term: "ethnic cleansing",
        class: "qualified-naming",
        crime: "ethnic-cleansing",
        finding: "established",
        language: "en",
        hedged: false,
      },
      {
        term: "risk of genocide",
        class: "qualified-naming",
        crime: "genocide",
        finding: "risk",
        language: "en",
        hedged: false,
      },
      { term: "civil war", class: "euphemism", language: "en", hedged: false },
    ]);
  });
  it("reads a qualified naming as a likely finding and a hypothetical one as a risk", () => {
    const [a, b] = matchTerms(
      lex,
      "These acts may amount to ethnic cleansing. It may be a risk of genocide.",
    );
    expect(a).toMatchObject({ crime: "ethnic-cleansing", finding: "likely", class: "qualified-naming" });
    expect(b).toMatchObject({ crime: "genocide", finding: "risk" });
    expect(matchTerms(lex, "This may be genocide.")[0]).toMatchObject({
      class: "qualified-naming",
      finding: "likely",
      hedged: true,
    });
    // A hypothetical: what would happen, not what happens. A hypothetical hedge wins over a qualifier.
    expect(matchTerms(lex, "We would not stand by and watch genocide.")[0]).toMatchObject({
      class: "qualified-naming",
      finding: "risk",
      hedged: true,
    });
    expect(matchTerms(lex, "It might amount to ethnic cleansing.")[0]).toMatchObject({ finding: "risk" });
  });
});
