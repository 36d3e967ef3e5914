import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, runBin, type BinResult } from "./run-bin.js";

const rwanda = path.join(repoRoot, "cases", "rwanda-1990-1994");
const tmp = mkdtempSync(path.join(tmpdir(), "tocsin-cli-"));

/** Every string that identifies the confidential source(s) of the built-in case. */
function protectedStrings(): string[] {
  const sources = JSON.parse(readFileSync(path.join(rwanda, "sources.json"), "utf8")) as {
    id: string;
    confidential?: boolean;
    title: string;
    protectedIdentity?: Record<string, string>;
  }[];
  const out: string[] = [];
  for (const s of sources.filter((x) => x.confidential)) {
    out.push(...Object.values(s.protectedIdentity ?? {}));
    out.push(s.title);
  }
  // Locators of citations to a confidential source can point at the informant: they must not leave either.
  const confidential = new Set(sources.filter((x) => x.confidential).map((x) => x.id));
  const locators = (v: unknown): string[] => {
    if (Array.isArray(v)) return v.flatMap(locators);
    if (v === null || typeof v !== "object") return [];
    const o = v as Record<string, unknown>;
    const own =
      typeof o.source === "string" && typeof o.locator === "string" && confidential.has(o.source)
        ? [o.locator]
        : [];
    return [...own, ...Object.values(o).flatMap(locators)];
  };
  for (const f of readdirSync(rwanda).filter((n) => n.endsWith(".json")))
    out.push(...locators(JSON.parse(readFileSync(path.join(rwanda, f), "utf8"))));
  expect(out).toContain("account relayed in the cable");
  return [...new Set(out.filter((x) => x.length > 0))];
}

describe("tocsin binary: usage", () => {
  it("prints help for the program and every command, exit 0", () => {
    const top = runBin(["--help"]);
    expect(top.code).toBe(0);
    for (const cmd of ["demo", "case", "timeline", "replay", "report", "import", "serve"]) {
      expect(top.stdout).toContain(cmd);
      const sub = runBin([cmd, "--help"]);
      expect(sub.code, `${cmd} --help`).toBe(0);
      expect(sub.stdout).toContain("Usage:");
    }
  });

  it("exits 2 on an unknown command or option", () => {
    expect(runBin(["no-such-command"]).code).toBe(2);
    expect(runBin(["timeline", "--case", "rwanda-1990-1994", "--from", "1994-13-01"]).code).toBe(2);
  });
});

describe("tocsin case validate / load", () => {
  it("accepts the built-in case and lists every problem of a broken one (exit 2)", () => {
    const ok = runBin(["case", "validate", rwanda]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('case "rwanda-1990-1994" is valid');
    const bad = runBin([
      "case",
      "validate",
      path.join(repoRoot, "test/fixtures/cases/broken-many"),
      "--json",
    ]);
    expect(bad.code).toBe(2);
    const doc = JSON.parse(bad.stdout) as {
      ok: boolean;
      problems: { file: string; recordId?: string; field?: string; line?: number }[];
    };
    expect(doc.ok).toBe(false);
    expect(doc.problems.length).toBeGreaterThanOrEqual(5);
    expect(doc.problems).toContainEqual(
      expect.objectContaining({
        file: "incidents.json",
        recordId: "inc-many",
        field: "perpetrators[0]",
        line: 34,
      }),
    );
  });

  it("loads atomically and idempotently into a real SQLite file", () => {
    const db = path.join(tmp, "load.db");
    const first = runBin(["case", "load", rwanda, "--db", db, "--json"]);
    expect(first.code, first.stderr).toBe(0);
    const r1 = JSON.parse(first.stdout) as { totals: { inserted: number; unchanged: number } };
    expect(r1.totals.inserted).toBeGreaterThan(90);
    const second = runBin(["case", "load", rwanda, "--db", db, "--json"]);
    const r2 = JSON.parse(second.stdout) as {
      totals: { inserted: number; updated: number; deleted: number; unchanged: number };
    };
    expect(r2.totals).toMatchObject({ inserted: 0, updated: 0, deleted: 0, unchanged: r1.totals.inserted });
    const broken = runBin([
      "case",
      "load",
      path.join(repoRoot, "test/fixtures/cases/broken-many"),
      "--db",
      db,
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain("nothing was written");
    const third = runBin(["case", "load", rwanda, "--db", db, "--json"]);
    expect((JSON.parse(third.stdout) as { totals: { unchanged: number } }).totals.unchanged).toBe(
      r1.totals.inserted,
    );
  });

  it("gives a clear message, not a stack trace, for a corrupt database file", () => {
    const db = path.join(tmp, "corrupt.db");
    writeFileSync(db, Buffer.from("this is not a database at all, just bytes ".repeat(200)));
    const r = runBin(["case", "load", rwanda, "--db", db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a database|corrupt/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("tocsin demo --no-serve --json", () => {
  let demo: BinResult;
  let doc: {
    counts: Record<string, number>;
    warnings: {
      id: string;
      date: string;
      sender: { id: string; name: string };
      recipients: { id: string; name: string }[];
      requestedActions: { kind: string; status: string; refusalReason?: string }[];
      responses: { date: string; kind: string; daysAfterWarning: number }[];
      daysToFirstResponse: number | null;
      noActionFollowed: boolean;
    }[];
    replay: { alerts: { date: string; level: string; evidence: string[] }[] } | null;
    scorecard: { headlines: string[] };
  };

  beforeAll(() => {
    demo = runBin(["demo", "--no-serve", "--json", "--db", path.join(tmp, "demo.db")]);
    doc = JSON.parse(demo.stdout) as typeof doc;
  }, 180_000);

  it("prints one JSON document on stdout and exits 0", () => {
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout.trim().startsWith("{")).toBe(true);
    expect(existsSync(path.join(tmp, "demo.db"))).toBe(true);
    expect(doc.counts.warning).toBeGreaterThanOrEqual(2);
  });

  it("lists the cable of 1994-01-11 to peacekeeping headquarters, its requests and the refusal a day later", () => {
    const cable = doc.warnings.find((w) => w.date === "1994-01-11");
    expect(cable).toBeDefined();
    expect(cable?.sender.name).toMatch(/Force Commander/i);
    expect(cable?.recipients.map((r) => r.name).join(" ")).toMatch(/Peacekeeping/);
    expect(cable?.requestedActions.map((a) => a.kind).sort()).toEqual(["protect-informant", "seize-arms"]);
    expect(cable?.requestedActions.find((a) => a.kind === "seize-arms")).toMatchObject({
      status: "refused",
      refusalReason: "mandate",
    });
    expect(cable?.responses[0]).toMatchObject({ date: "1994-01-12", kind: "refusal", daysAfterWarning: 1 });
    expect(cable?.daysToFirstResponse).toBe(1);
  });

  it("lists the February 1994 letter of the Belgian foreign minister with no action following", () => {
    const letter = doc.warnings.find((w) => w.date.startsWith("1994-02"));
    expect(letter?.sender.name).toMatch(/Belgian Foreign Minister/);
    expect(letter?.responses).toEqual([]);
    expect(letter?.noActionFollowed).toBe(true);
    expect(letter?.requestedActions[0]).toMatchObject({ kind: "strengthen-mandate", status: "lapsed" });
  });

  it("includes the replay's alerts, each citing evidence, and the scorecard's headlines", () => {
    expect(doc.replay?.alerts.length).toBeGreaterThan(0);
    for (const a of doc.replay?.alerts ?? []) expect(a.evidence.length).toBeGreaterThan(0);
    expect(doc.scorecard.headlines.join("\n")).toMatch(/61 convicted, 14 acquitted/);
  });

  it("never shows the informant's identity in any output", () => {
    const secrets = protectedStrings();
    expect(secrets.length).toBeGreaterThan(0);
    const outputs = [
      demo,
      runBin(["demo", "--no-serve", "--db", path.join(tmp, "demo.db")]),
      runBin(["timeline", "--case", "rwanda-1990-1994"]),
      runBin(["timeline", "--case", "rwanda-1990-1994", "--json"]),
      runBin(["timeline", "--case", "rwanda-1990-1994", "--db", path.join(tmp, "demo.db"), "--json"]),
      runBin(["replay", "--case", "rwanda-1990-1994", "--step", "month", "--json"]),
      runBin(["report", "--case", "rwanda-1990-1994", "--format", "md"]),
      runBin(["report", "--case", "rwanda-1990-1994", "--format", "html"]),
      runBin(["report", "--case", "rwanda-1990-1994", "--format", "json"]),
    ];
    for (const o of outputs) {
      expect(o.code, o.stderr).toBe(0);
      for (const s of secrets) {
        expect(o.stdout).not.toContain(s);
        expect(o.stderr).not.toContain(s);
      }
    }
  }, 300_000);
});

describe("tocsin timeline", () => {
  it("gives every record in time order with kind, dates, actors and citations", () => {
    const r = runBin([
      "timeline",
      "--case",
      "rwanda-1990-1994",
      "--from",
      "1994-01-01",
      "--to",
      "1994-01-31",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      entries: { kind: string; occurredAt: { from: string }; citations: unknown[]; actors: string[] }[];
    };
    expect(doc.entries.length).toBeGreaterThan(0);
    const starts = doc.entries.map((e) => e.occurredAt.from);
    expect([...starts].sort()).toEqual(starts);
    expect(doc.entries.some((e) => e.kind === "warning")).toBe(true);
    for (const e of doc.entries) expect(e.citations.length).toBeGreaterThan(0);
  });
});
