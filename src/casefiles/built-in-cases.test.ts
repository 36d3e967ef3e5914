import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { builtInCaseDir, CaseIdError, listBuiltInCases } from "./built-in-cases.js";

const root = fileURLToPath(new URL("../../", import.meta.url));

describe("built-in cases", () => {
  it("lists the cases shipped in cases/ (not cases/schema)", async () => {
    expect(await listBuiltInCases(root)).toEqual(["rwanda-1990-1994"]);
  });

  it("lists nothing when there is no cases folder, and only folders with a case.json", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tocsin-builtin-"));
    try {
      expect(await listBuiltInCases(dir)).toEqual([]);
      await mkdir(join(dir, "cases/b-case"), { recursive: true });
      await mkdir(join(dir, "cases/a-case"), { recursive: true });
      await mkdir(join(dir, "cases/empty"), { recursive: true });
      await writeFile(join(dir, "cases/b-case/case.json"), "{}");
      await writeFile(join(dir, "cases/a-case/case.json"), "{}");
      expect(await listBuiltInCases(dir)).toEqual(["a-case", "b-case"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("resolves a case folder and refuses ids that would leave cases/", () => {
    expect(builtInCaseDir("/pkg", "rwanda-1990-1994")).toBe(join("/pkg", "cases", "rwanda-1990-1994"));
    expect(() => builtInCaseDir("/pkg", "../etc")).toThrow(CaseIdError);
    expect(() => builtInCaseDir("/pkg", "")).toThrow(CaseIdError);
    try {
      builtInCaseDir("/pkg", "a/b");
    } catch (e) {
      expect((e as CaseIdError).code).toBe("CASE_ID_INVALID");
    }
  });
});
