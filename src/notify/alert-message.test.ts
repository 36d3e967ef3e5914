import { describe, it, expect } from "vitest";
import type { Alert } from "../engine/index.js";
import { buildAlertMessage } from "./alert-message.js";

const alert: Alert = {
  date: "2001-03-04",
  situation: { id: "ZZA/group-b", country: "ZZA", group: "group-b", groupName: "Group B" },
  level: "high",
  previousLevel: "elevated",
  score: 7.5,
  factors: [{ factor: "rf1", name: "Factor one", score: 4 }],
  evidence: [
    {
      record: "inc-1",
      kind: "incident",
      knownAt: "2001-03-01",
      indicators: ["ind-1"],
      grade: "B2",
      citations: [
        { source: "src-open", locator: "p. 3" },
        { source: "src-secret", locator: "para 2" },
        { source: "src-unknown", locator: "item 9" },
      ],
    },
  ],
  recommendedActions: [{ kind: "public-naming", description: "Name it", dueAt: "2001-03-11" }],
  dutyBearers: ["mission-1", "council"],
  reasons: ["level rose from elevated to high"],
};

const context = {
  caseId: "synthetic-1",
  actors: [
    { id: "mission-1", name: "The Mission" },
    { id: "council", name: "The Council" },
  ],
  sources: [
    { id: "src-open", title: "Open Report", confidential: false },
    {
      id: "src-secret",
      title: "CANARY-TITLE",
      confidential: true,
      author: "CANARY-AUTHOR",
      url: "https://canary.example/CANARY-URL",
      protectedIdentity: { name: "CANARY-NAME", contact: "CANARY-CONTACT", description: "CANARY-PLACE" },
    },
  ],
};

describe("buildAlertMessage", () => {
  it("names duty-bearers, evidence and citations, confidential sources only as Protected source", () => {
    const m = buildAlertMessage(alert, context);
    expect(m.alert).toBe("alert-zza-group-b-2001-03-04-high");
    expect(m.caseId).toBe("synthetic-1");
    expect(m.dutyBearers).toEqual([
      { id: "mission-1", name: "The Mission" },
      { id: "council", name: "The Council" },
    ]);
    expect(m.evidence[0]?.citations).toEqual([
      { source: "src-open", title: "Open Report", locator: "p. 3", protected: false },
      { source: "src-secret", title: "Protected source", protected: true },
      { source: "src-unknown", title: "Protected source", protected: true },
    ]);
    expect(m.recommendedActions).toEqual([
      { kind: "public-naming", description: "Name it", dueAt: "2001-03-11" },
    ]);
    expect(m.level).toBe("high");
    expect(m.previousLevel).toBe("elevated");
    expect(JSON.stringify(m)).not.toMatch(/CANARY/);
  });

  it("keeps an alert with no duty-bearer and no evidence as an empty message body", () => {
    const m = buildAlertMessage({ ...alert, dutyBearers: [], evidence: [] }, context);
    expect(m.dutyBearers).toEqual([]);
    expect(m.evidence).toEqual([]);
  });

  it("falls back to the id for an actor the context does not know", () => {
    const m = buildAlertMessage({ ...alert, dutyBearers: ["stranger"] }, { ...context, actors: [] });
    expect(m.dutyBearers).toEqual([{ id: "stranger", name: "stranger" }]);
  });
});
