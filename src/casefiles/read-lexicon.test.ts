import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compileLexicon, matchTerms } from "../domain/term-match.js";
import { parseLexiconFile, readLexicon } from "./read-lexicon.js";

const root = join(import.meta.dirname, "../..");
const dirs: string[] = [];
async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tocsin-lexicon-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe("readLexicon", () => {
  it("reads the shipped lexicon: English and French, every class present", async () => {
    const r = await readLexicon(join(root, "rulebook/lexicon"));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.lexicon.languages.map((l) => l.language)).toEqual(["en", "fr"]);
    for (const l of r.lexicon.languages) {
      expect(new Set(l.terms.map((t) => t.class))).toEqual(
        new Set(["naming", "qualified-naming", "euphemism", "denial"]),
      );
    }
    const fr = r.lexicon.languages.find((l) => l.language === "fr");
    const en = r.lexicon.languages.find((l) => l.language === "en");
    expect(fr?.terms.find((t) => t.text === "génocide")?.class).toBe("naming");
    expect(fr?.terms.find((t) => t.text === "massacres tribaux")?.class).toBe("euphemism");
    expect(r.lexicon.version).toBe("en@3+fr@3");
    // Version 2: terms say which atrocity crime they name and how far the finding goes.
    expect(en?.terms.find((t) => t.text === "ethnic cleansing")).toMatchObject({
      class: "qualified-naming",
      crime: "ethnic-cleansing",
      finding: "established",
    });
    expect(fr?.terms.find((t) => t.text === "risque de génocide")).toMatchObject({
      crime: "genocide",
      finding: "risk",
    });
  });

  it("reads a denial or an allegation of each atrocity crime as what it is, never as a finding of it", async () => {
    const r = await readLexicon(join(root, "rulebook/lexicon"));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const lex = compileLexicon(r.lexicon);
    const read = (text: string) => matchTerms(lex, text).map((m) => [m.class, m.crime, m.finding ?? null]);
    expect(read("There were no war crimes in the district.")).toEqual([["denial", "war-crimes", null]]);
    expect(read("This is not ethnic cleansing.")).toEqual([["denial", "ethnic-cleansing", null]]);
    expect(read("Il n'y a pas de crimes contre l'humanité.")).toEqual([
      ["denial", "crimes-against-humanity", null],
    ]);
    expect(read("The report lists alleged war crimes.")).toEqual([
      ["qualified-naming", "war-crimes", "alleged"],
    ]);
    expect(read("Des allégations de nettoyage ethnique.")).toEqual([
      ["qualified-naming", "ethnic-cleansing", "alleged"],
    ]);
    // "may" qualifies only as a modal of the finding, not as the month or any "may" in the sentence.
    expect(read("Forces may have committed crimes against humanity.")).toEqual([
      ["qualified-naming", "crimes-against-humanity", "likely"],
    ]);
    expect(read("The war crimes of May were documented.")).toEqual([
      ["qualified-naming", "war-crimes", "established"],
    ]);
  });

  it("adds a language by adding a file", async () => {
    const dir = await folder({
      "en.json": JSON.stringify({
        language: "en",
        version: "1",
        terms: [{ text: "genocide", class: "naming" }],
      }),
      "es.json": JSON.stringify({
        language: "es",
        version: "2",
        terms: [{ text: "genocidio", class: "naming" }],
        hedges: ["podría"],
      }),
    });
    const r = await readLexicon(dir);
    expect(r.ok && r.lexicon).toEqual({
      version: "en@1+es@2",
      languages: [
        { language: "en", terms: [{ text: "genocide", class: "naming" }], hedges: [] },
        { language: "es", terms: [{ text: "genocidio", class: "naming" }], hedges: ["podría"] },
      ],
    });
  });

  it("rejects a bad lexicon with every problem, each with its file, field and line", async () => {
    const bad = `{
  "language": "en",
  "version": "",
  "terms": [
    { "text": "genocide", "class": "naming" },
    { "text": "Génocide", "class": "naming" },
    { "text": "chaos", "class": "spin" },
    { "text": "", "class": "denial" }
  ],
  "extra": true
}`;
    const dir = await folder({
      "en.json": bad,
      "fr.json": '{ "language": "de", "version": "1", "terms": [{ "text": "x", "class": "naming" }] }',
      "xx.json": "{ nope",
    });
    const r = await readLexicon(dir);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const brief = r.problems.map((p) => [p.file, p.field, p.line]);
    expect(brief).toEqual(
      expect.arrayContaining([
        ["en.json", "version", 3],
        ["en.json", "terms[2].class", 7],
        ["en.json", "terms[3].text", 8],
        ["en.json", undefined, 1],
        ["en.json", "terms[1].text", 6],
        ["fr.json", "language", 1],
        ["xx.json", undefined, 1],
      ]),
    );
    expect(r.problems).toHaveLength(7);
    expect(r.problems.find((p) => p.field === "terms[1].text")?.message).toMatch(/repeats terms\[0\]/);
    expect(r.problems.find((p) => p.file === "en.json" && p.field === undefined)?.message).toMatch(/extra/);
  });

  it("reports a missing folder and an empty folder", async () => {
    const missing = await readLexicon(join(tmpdir(), "tocsin-no-such-lexicon-folder"));
    expect(missing.ok === false && missing.problems[0]?.message).toBe("folder not found");
    const empty = await readLexicon(await folder({}));
    expect(empty.ok === false && empty.problems[0]?.message).toBe("no lexicon file (<language>.json)");
  });

  it("never throws on arbitrary file text (property)", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseLexiconFile("en.json", text);
        expect(typeof r.ok).toBe("boolean");
      }),
    );
  });
});
