// Every enumeration value the record forms offer (read from the contracts, as the forms read them) has an
// English and a French label: a value added to a contract without labels fails here, not in front of a user.
import { describe, expect, it } from "vitest";
import { ENUM_LABELS, enumLabel } from "../../web/src/forms/enum-labels.js";
import { formOf, KINDS, type Spec } from "../../web/src/forms/field-spec.js";
import { DICTIONARIES, LANGUAGES } from "../../web/src/i18n.js";

/** Every enumeration value of every record form, with where it appears (`incident.acts`). */
function formEnums(): { value: string; where: string; grading: boolean }[] {
  const out: { value: string; where: string; grading: boolean }[] = [];
  const walk = (s: Spec, where: string) => {
    if (s.t === "enum" || s.t === "enums")
      for (const value of s.options) out.push({ value, where, grading: false });
    if (s.t === "reliability") for (const value of s.options) out.push({ value, where, grading: true });
    if (s.t === "object") for (const f of s.fields) walk(f.spec, `${where}.${f.name}`);
    if (s.t === "list") walk(s.item, `${where}[]`);
  };
  for (const kind of KINDS) for (const f of formOf(kind)) walk(f.spec, `${kind}.${f.name}`);
  return out;
}

describe("labels of the forms' enumerations", () => {
  const enums = formEnums();

  it("finds the contracts' enumerations through the forms", () => {
    expect(enums.length).toBeGreaterThan(150);
    expect(enums).toContainEqual({ value: "forced-displacement", where: "incident.acts", grading: false });
    expect(enums).toContainEqual({ value: "chapter-vii", where: "mandate.legalBasis", grading: false });
    expect(enums).toContainEqual({ value: "A", where: "source.reliability", grading: true });
  });

  it.each(LANGUAGES)("every value has a %s label", (lang) => {
    const missing = enums
      .filter(({ value, grading }) => {
        const label = grading
          ? (DICTIONARIES[lang] as Record<string, string>)[`grade.reliability.${value}`]
          : ENUM_LABELS[lang][value];
        return label === undefined || label.trim() === "" || label === value;
      })
      .map(({ value, where }) => `${where}: ${value}`);
    expect(missing).toEqual([]);
  });

  it("labels no value the contracts do not have", () => {
    const used = new Set(enums.map((e) => e.value));
    expect(Object.keys(ENUM_LABELS.fr).filter((v) => !used.has(v))).toEqual([]);
    expect(Object.keys(ENUM_LABELS.en).sort()).toEqual(Object.keys(ENUM_LABELS.fr).sort());
  });

  it("shows the label in the language asked", () => {
    expect(enumLabel("fr", "forced-displacement")).toBe("Déplacement forcé");
    expect(enumLabel("en", "forced-displacement")).toBe("Forced displacement");
    expect(enumLabel("fr", "chapter-vii")).toBe("Chapitre VII");
    expect(enumLabel("fr", "not-a-value")).toBe("not a value");
  });
});
