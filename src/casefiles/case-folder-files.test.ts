import { readdirSync } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { PROTECTED_SOURCE_LABEL, type CaseBundle } from "../domain/index.js";
import { BACKFILLS_FILE, caseFolderFiles } from "./case-folder-files.js";
import { readCaseFolder } from "./read-case-folder.js";
import { writeCaseFolder } from "./write-case-folder.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const FOLDERS = [
  "cases/rwanda-1990-1994",
  "test/fixtures/cases/synthetic-xv",
  "test/fixtures/cases/synthetic-engine-clashes",
  "test/fixtures/cases/synthetic-engine-preparation",
  ...readdirSync(join(root, "cases/development")).map((d) => `cases/development/${d}`),
];
const temps: string[] = [];
afterAll(async () => {
  for (const d of temps) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "tocsin-export-"));
  temps.push(d);
  return d;
}

async function bundleOf(dir: string): Promise<CaseBundle> {
  const r = await readCaseFolder(join(root, dir));
  if (!r.ok) throw new Error(`${dir}: ${JSON.stringify(r.problems.slice(0, 2))}`);
  return r.bundle;
}

/** The bundle as an export shows it: confidential sources as their public view, citations to them labelled. */
function publicView(b: CaseBundle): CaseBundle {
  const conf = new Set(b.records.source.filter((s) => s.confidential).map((s) => s.id));
  const label = (cs: readonly { source: string; locator: string }[]) =>
    cs.map((c) => (conf.has(c.source) ? { source: c.source, locator: PROTECTED_SOURCE_LABEL } : c));
  const records = Object.fromEntries(
    Object.entries(b.records).map(([kind, list]) => [
      kind,
      (list as { id: string; confidential?: boolean; citations: { source: string; locator: string }[] }[])
        .map((r) =>
          r.confidential === true
            ? {
                id: r.id,
                kind: (r as unknown as { kind: string }).kind,
                title: PROTECTED_SOURCE_LABEL,
                occurredAt: (r as unknown as { occurredAt: unknown }).occurredAt,
                knownAt: (r as unknown as { knownAt: unknown }).knownAt,
                citations: [{ source: r.id, locator: PROTECTED_SOURCE_LABEL }],
                reliability: (r as unknown as { reliability: unknown }).reliability,
                credibility: (r as unknown as { credibility: unknown }).credibility,
                confidential: true,
              }
            : { ...r, citations: label(r.citations) },
        )
        .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
    ]),
  );
  return { ...b, records: records as unknown as CaseBundle["records"] };
}

describe("caseFolderFiles", () => {
  it.each(FOLDERS)("writes %s as a folder that reads back into the same case", async (dir) => {
    const bundle = await bundleOf(dir);
    const out = join(await tempDir(), "case");
    const written = await writeCaseFolder(out, caseFolderFiles(bundle));
    expect(written).toMatchObject({ ok: true });
    const back = await readCaseFolder(out);
    expect(back.ok ? [] : back.problems).toEqual([]);
    if (back.ok) {
      const sorted = publicView(bundle);
      expect(back.bundle.manifest).toEqual(bundle.manifest);
      expect(back.bundle.records).toEqual(sorted.records);
      // And the folder read back gives the very same files.
      expect(caseFolderFiles(back.bundle)).toEqual(caseFolderFiles(bundle));
    }
  });

  it("gives the same bytes whatever the order of records and keys", async () => {
    const bundle = await bundleOf(FOLDERS[1] as string);
    const reversed = (o: object) => Object.fromEntries(Object.entries(o).reverse());
    const shuffled: CaseBundle = {
      manifest: reversed(bundle.manifest) as CaseBundle["manifest"],
      records: Object.fromEntries(
        Object.entries(bundle.records).map(([k, list]) => [
          k,
          [...(list as object[])].reverse().map(reversed),
        ]),
      ) as unknown as CaseBundle["records"],
    };
    expect(caseFolderFiles(shuffled)).toEqual(caseFolderFiles(bundle));
  });

  it("writes dates in their written form, id first, and never a protected identity", async () => {
    const bundle = await bundleOf(FOLDERS[0] as string);
    const files = new Map(caseFolderFiles(bundle).map((f) => [f.path, f.text]));
    const sources = JSON.parse(files.get("sources.json") ?? "[]") as Record<string, unknown>[];
    const informant = sources.find((s) => s.confidential === true);
    expect(informant).toMatchObject({ title: PROTECTED_SOURCE_LABEL });
    expect(Object.keys(informant ?? {})).not.toContain("protectedIdentity");
    expect(Object.keys(informant ?? {})).not.toContain("notes");
    const all = [...files.values()].join("");
    expect(all).not.toContain("protectedIdentity");
    expect(all).not.toContain("Confidential informant (January 1994)");
    const incidents = JSON.parse(files.get("incidents.json") ?? "[]") as Record<string, unknown>[];
    expect(Object.keys(incidents[0] ?? {})[0]).toBe("id");
    expect(typeof incidents[0]?.occurredAt).toBe("string");
    expect([...files.values()].every((t) => t.endsWith("\n"))).toBe(true);
  });

  it("writes backfill marks in kind and id order, a confidential source's reason withheld", async () => {
    const bundle = await bundleOf(FOLDERS[0] as string);
    const informant = bundle.records.source.find((s) => s.confidential)?.id as string;
    const files = caseFolderFiles(bundle, [
      {
        kind: "source",
        id: informant,
        reason: "debrief of the named person",
        enteredAt: "2031-01-02T00:00:00Z",
      },
      { kind: "incident", id: "b", reason: "late notes", enteredAt: "2031-01-01T00:00:00Z" },
      { kind: "incident", id: "a", reason: "archive", enteredAt: "2031-01-01T00:00:00Z" },
    ]);
    const marks = JSON.parse(files.find((f) => f.path === BACKFILLS_FILE)?.text ?? "[]") as { id: string }[];
    expect(marks).toEqual([
      { id: "a", enteredAt: "2031-01-01T00:00:00Z", kind: "incident", reason: "archive" },
      { id: "b", enteredAt: "2031-01-01T00:00:00Z", kind: "incident", reason: "late notes" },
      { id: informant, enteredAt: "2031-01-02T00:00:00Z", kind: "source", reason: PROTECTED_SOURCE_LABEL },
    ]);
    expect(caseFolderFiles(bundle).some((f) => f.path === BACKFILLS_FILE)).toBe(false);
  });
});

describe("writeCaseFolder", () => {
  it("writes nothing when the case checker finds a problem, and leaves no temporary folder", async () => {
    const bundle = await bundleOf(FOLDERS[1] as string);
    const files = caseFolderFiles(bundle).map((f) =>
      f.path === "incidents.json" ? { ...f, text: f.text.replace('"xv-council"', '"nobody"') } : f,
    );
    const parent = await tempDir();
    const r = await writeCaseFolder(join(parent, "case"), files);
    expect(r.ok).toBe(false);
    expect(!r.ok && "problems" in r ? r.problems[0] : undefined).toMatchObject({ file: "incidents.json" });
    expect(await readdir(parent)).toEqual([]);
  });

  it("refuses a non-empty folder without force, and with force one that holds no case", async () => {
    const bundle = await bundleOf(FOLDERS[1] as string);
    const parent = await tempDir();
    const target = join(parent, "case");
    expect(await writeCaseFolder(target, caseFolderFiles(bundle))).toMatchObject({ ok: true });
    expect(await writeCaseFolder(target, caseFolderFiles(bundle))).toMatchObject({
      ok: false,
      refused: expect.stringContaining("--force"),
    });
    expect(await writeCaseFolder(target, caseFolderFiles(bundle), { force: true })).toMatchObject({
      ok: true,
    });
    expect(await writeCaseFolder(parent, caseFolderFiles(bundle), { force: true })).toMatchObject({
      ok: false,
      refused: expect.stringContaining("not a case folder"),
    });
    expect(await readdir(parent)).toEqual(["case"]);
  });
});
