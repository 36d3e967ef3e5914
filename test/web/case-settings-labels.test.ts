// Every case setting of the contract (CaseSettingsBodySchema, which the dashboard's settings switches list) has an
// English and a French label and hint: a setting added to the contract without labels fails here.
import { describe, expect, it } from "vitest";
import { CaseSettingsBodySchema } from "../../src/contracts/api/write.schema.js";
import { DICTIONARIES, LANGUAGES } from "../../web/src/i18n.js";

const KEYS = Object.keys(CaseSettingsBodySchema.shape);

describe("labels of the case settings", () => {
  it("finds the contract's settings", () => {
    expect(KEYS).toEqual(["autoIssueWarnings"]);
  });

  it.each(LANGUAGES)("every setting has a %s label and hint", (lang) => {
    const d = DICTIONARIES[lang] as Record<string, string>;
    const missing = KEYS.flatMap((k) => [`caseSettings.${k}`, `caseSettings.${k}Hint`]).filter(
      (key) => (d[key] ?? "").trim() === "",
    );
    expect(missing).toEqual([]);
    for (const key of ["caseSettings.title", "caseSettings.saved", "caseSettings.failed"])
      expect(d[key]?.trim(), key).toBeTruthy();
  });

  it("the French labels are French, not the English ones copied", () => {
    for (const k of KEYS)
      expect(DICTIONARIES.fr[`caseSettings.${k}` as never]).not.toBe(
        DICTIONARIES.en[`caseSettings.${k}` as never],
      );
    expect(DICTIONARIES.fr["caseSettings.autoIssueWarnings"]).toBe(
      "Émettre aussitôt les alertes en direct comme avertissements",
    );
  });
});
