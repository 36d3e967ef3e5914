// The built-in case, from the data alone: the done-when dates of the early-warning engine.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { daysBetween, type CaseBundle } from "../../src/domain/index.js";
import {
  assess,
  replay,
  type Assessment,
  type ReplayResult,
  type ValidRulebook,
} from "../../src/engine/index.js";
import { caseAt, packageRoot, packageRulebook } from "./engine-cases.js";

let rulebook: ValidRulebook;
let bundle: CaseBundle;
let daily: ReplayResult;

beforeAll(async () => {
  rulebook = await packageRulebook();
  bundle = await caseAt("cases/rwanda-1990-1994");
  daily = replay(bundle, rulebook, { step: "day" });
});

/** Ids of the case's incidents involving `act`, read from the case files. */
function incidentsWith(act: string): string[] {
  return bundle.records.incident.filter((i) => (i.acts as readonly string[]).includes(act)).map((i) => i.id);
}

describe("replay of the built-in case, daily", () => {
  it("reaches high or above no later than the end of March 1993", () => {
    expect(daily.firstDateByLevel.high).not.toBeNull();
    expect(daily.firstDateByLevel.high! <= "1993-03-31").toBe(true);
  });

  it("reaches imminent no later than 1994-01-12 and before 1994-04-06", () => {
    const d = daily.firstDateByLevel.imminent;
    expect(d).not.toBeNull();
    expect(d! <= "1994-01-12" && d! < "1994-04-06").toBe(true);
  });

  it("reaches ongoing within three days of 1994-04-07", () => {
    const d = daily.firstDateByLevel.ongoing;
    expect(d).not.toBeNull();
    expect(Math.abs(daysBetween("1994-04-07", d!))).toBeLessThanOrEqual(3);
  });

  it("reports the lead time of each level before the declared onset", () => {
    const ev = daily.evaluation;
    expect(ev?.onset).toBe(bundle.manifest.evaluation?.onset);
    for (const level of ["elevated", "high", "imminent", "ongoing"] as const) {
      const first = ev?.firstDateByLevel[level];
      expect(ev?.leadTimeDays[level]).toBe(first ? daysBetween(first, ev!.onset) : null);
    }
  });

  it("cites evidence with its sources in every alert", () => {
    expect(daily.alerts.length).toBeGreaterThan(0);
    for (const a of daily.alerts) {
      if (a.level === "none") continue;
      expect(a.evidence.length).toBeGreaterThan(0);
      for (const e of a.evidence) expect(e.citations.length).toBeGreaterThan(0);
    }
  });

  it("rests the imminent alert on the reported militia training, arms caches and registration of the group", () => {
    const imminent = daily.alerts.find((a) => a.level === "imminent");
    const cited = new Set(imminent?.evidence.map((e) => e.record));
    for (const act of ["militia-training", "arms-cache", "registration-of-group"]) {
      const ids = incidentsWith(act);
      expect(ids.length).toBeGreaterThan(0);
      expect(ids.some((id) => cited.has(id))).toBe(true);
    }
  });

  it("rests the first high alert on a report finding organised, state-involved violence", () => {
    const high = daily.alerts.find((a) => a.level === "high");
    const findings = bundle.records.report
      .filter(
        (r) =>
          r.findings.some((f) => f.tags.includes("organised-violence")) &&
          r.findings.some((f) => f.tags.includes("state-involvement")),
      )
      .map((r) => r.id);
    expect(findings.length).toBeGreaterThan(0);
    expect(high?.evidence.some((e) => findings.includes(e.record))).toBe(true);
  });

  it("is deterministic and agrees with full assessments on the alert days", () => {
    expect(replay(bundle, rulebook, { step: "day" })).toEqual(daily);
    for (const alert of daily.alerts) {
      const a = assess(bundle, rulebook, alert.date).find(
        (x: Assessment) => x.situation.id === alert.situation.id,
      );
      expect(a?.level).toBe(alert.level);
      expect(a?.score).toBe(alert.score);
    }
  });
});

describe("rules and engine code are free of case names", () => {
  it("mentions no country, group or actor of the built-in case", async () => {
    const names = new Set<string>([
      ...bundle.manifest.countries,
      ...bundle.records.group.flatMap((g) => [g.id, g.name]),
      ...bundle.records.actor.flatMap((a) => [a.name, ...(a.aliases ?? [])]).filter((n) => n.length >= 4),
      "Rwanda",
    ]);
    const files = [
      ...(await readdir(join(packageRoot, "src/engine")))
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
        .map((f) => `src/engine/${f}`),
      ...(await readdir(join(packageRoot, "rulebook")))
        .filter((f) => f.endsWith(".json"))
        .map((f) => `rulebook/${f}`),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const text = await readFile(join(packageRoot, f), "utf8");
      for (const n of names) {
        const word = new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`, "i");
        expect(word.test(text) ? `${f}: ${n}` : "").toBe("");
      }
    }
  });
});
