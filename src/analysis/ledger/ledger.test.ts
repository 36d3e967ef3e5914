import { describe, expect, it } from "vitest";
import { actor, bundle, response, warning } from "../../../test/analysis/helpers/bundle.js";
import { buildLedger } from "./ledger.js";

const cable = warning("w1", "1994-01-11", {
  sender: "field",
  recipients: ["hq"],
  requestedActions: [
    { id: "a-seize", kind: "seize-arms", description: "seize arms" },
    { id: "a-protect", kind: "protect-informant", description: "protect informant", dueAt: "1994-01-20" },
  ],
});

describe("buildLedger", () => {
  it("computes refusals, lags and the per duty-bearer figures", () => {
    const b = bundle({
      actor: [actor("field", ["mission-on-ground"]), actor("hq", ["mission-headquarters"])],
      warning: [cable],
      response: [
        response("r1", "1994-01-12", { warning: "w1", kind: "refusal", refusalReason: "neutrality" }),
      ],
    });
    const l = buildLedger(b, { asOf: "1994-04-06" });
    expect(l.warnings).toHaveLength(1);
    const w = l.warnings[0];
    expect(w?.daysToFirstResponse).toBe(1);
    expect(w?.daysToAction).toBeUndefined();
    expect(w?.requests.map((q) => [q.action, q.status, q.refusalReason, q.daysToFirstResponse])).toEqual([
      ["a-seize", "refused", "neutrality", 1],
      ["a-protect", "refused", "neutrality", 1],
    ]);
    expect(l.dutyBearers).toEqual([
      {
        actor: "hq",
        name: "Name of hq",
        received: 1,
        aimedAt: 0,
        aimedAtWarnings: [],
        answered: 1,
        actedOn: 0,
        lags: [1],
        medianLagDays: 1,
        unanswered: [],
      },
    ]);
    expect(l.escalations).toEqual([]);
  });

  it("lapses a request with no answer after its due date (declared or default window) and escalates", () => {
    const b = bundle(
      {
        actor: [
          actor("field", ["mission-on-ground"]),
          actor("hq", ["mission-headquarters"]),
          actor("sg", ["secretary-general"]),
        ],
        warning: [cable],
      },
      {
        escalationChain: [
          "mission-on-ground",
          "mission-headquarters",
          "secretary-general",
          "security-council",
        ],
      },
    );
    const l = buildLedger(b, { asOf: "1994-03-01" });
    const [seize, protect] = l.warnings[0]?.requests ?? [];
    expect(seize).toMatchObject({
      status: "lapsed",
      dueAt: "1994-02-10",
      dueSource: "default",
      lapsedAt: "1994-02-11",
    });
    expect(protect).toMatchObject({
      status: "lapsed",
      dueAt: "1994-01-20",
      dueSource: "declared",
      lapsedAt: "1994-01-21",
    });
    expect(l.escalations).toEqual([
      {
        warning: "w1",
        action: "a-protect",
        at: "1994-01-21",
        fromRole: "mission-headquarters",
        toRole: "secretary-general",
        toActors: ["sg"],
        exhausted: false,
      },
      {
        warning: "w1",
        action: "a-seize",
        at: "1994-02-11",
        fromRole: "mission-headquarters",
        toRole: "secretary-general",
        toActors: ["sg"],
        exhausted: false,
      },
    ]);
  });

  it("uses a configurable response window and keeps requests open before they are due", () => {
    const b = bundle({ warning: [cable] });
    const l = buildLedger(b, { asOf: "1994-01-25", responseWindowDays: 10 });
    expect(l.warnings[0]?.requests.map((q) => [q.status, q.dueAt])).toEqual([
      ["lapsed", "1994-01-21"],
      ["lapsed", "1994-01-20"],
    ]);
    const early = buildLedger(b, { asOf: "1994-01-15" });
    expect(early.warnings[0]?.requests.map((q) => q.status)).toEqual(["open", "open"]);
  });

  it("records acting responses with their extent; a later action overrides an earlier refusal", () => {
    const b = bundle({
      warning: [cable],
      response: [
        response("r1", "1994-01-12", {
          warning: "w1",
          requestedAction: "a-seize",
          kind: "refusal",
          refusalReason: "mandate",
        }),
        response("r2", "1994-02-01", {
          warning: "w1",
          requestedAction: "a-seize",
          kind: "deployment",
          extent: "partial",
        }),
        response("r3", "1994-01-15", {
          warning: "w1",
          requestedAction: "a-protect",
          kind: "acknowledgement",
        }),
      ],
    });
    const l = buildLedger(b, { asOf: "1994-03-01" });
    const [seize, protect] = l.warnings[0]?.requests ?? [];
    expect(seize).toMatchObject({
      status: "acted",
      extent: "partial",
      actedAt: "1994-02-01",
      daysToAction: 21,
      daysToFirstResponse: 1,
    });
    expect(protect).toMatchObject({ status: "acknowledged", daysToFirstResponse: 4 });
    expect(l.warnings[0]).toMatchObject({ daysToFirstResponse: 1, daysToAction: 21 });
    // As of before the action, the refusal stands.
    expect(buildLedger(b, { asOf: "1994-01-20" }).warnings[0]?.requests[0]?.status).toBe("refused");
  });

  it("never takes a typed 'none' response as an answer, and reports it", () => {
    const b = bundle({
      warning: [cable],
      response: [response("r0", "1994-01-12", { warning: "w1", kind: "none" })],
    });
    const l = buildLedger(b, { asOf: "1994-03-01" });
    expect(l.warnings[0]?.requests.map((q) => q.status)).toEqual(["lapsed", "lapsed"]);
    expect(l.problems.map((p) => p.record)).toEqual(["r0"]);
  });

  it("only sees what was known on the as-of day, and includes engine alerts", () => {
    const late = warning("w-late", "1994-01-05", { knownAt: "1994-06-01" });
    const alert = warning("alert-1", "1994-01-02", {
      origin: "engine",
      sender: "tocsin",
      recipients: ["hq"],
    });
    const l = buildLedger(bundle({ warning: [late, cable] }), { asOf: "1994-02-01", alerts: [alert] });
    expect(l.warnings.map((w) => [w.warning, w.origin])).toEqual([
      ["alert-1", "engine"],
      ["w1", "human"],
    ]);
  });

  it("is empty for an empty case", () => {
    const l = buildLedger(bundle(), { asOf: "1994-01-01" });
    expect(l).toEqual({
      asOf: "1994-01-01",
      responseWindowDays: 30,
      warnings: [],
      dutyBearers: [],
      escalations: [],
      problems: [],
    });
  });

  it("escalates to the first link when addressees hold no role, and marks an exhausted chain", () => {
    const w = warning("w2", "1994-01-01", {
      recipients: ["ngo"],
      requestedActions: [{ id: "a1", kind: "inquiry", description: "inquire" }],
    });
    const w3 = warning("w3", "1994-01-01", {
      recipients: ["sc"],
      requestedActions: [{ id: "a2", kind: "deploy", description: "deploy" }],
    });
    const b = bundle(
      {
        actor: [actor("ngo"), actor("hq", ["mission-headquarters"]), actor("sc", ["security-council"])],
        warning: [w, w3],
      },
      { escalationChain: ["mission-headquarters", "security-council"] },
    );
    const esc = buildLedger(b, { asOf: "1994-03-01" }).escalations;
    expect(esc).toEqual([
      {
        warning: "w2",
        action: "a1",
        at: "1994-02-01",
        toRole: "mission-headquarters",
        toActors: ["hq"],
        exhausted: false,
      },
      {
        warning: "w3",
        action: "a2",
        at: "1994-02-01",
        fromRole: "security-council",
        toActors: [],
        exhausted: true,
      },
    ]);
  });
});

describe("buildLedger with missing references", () => {
  it("reports a response whose warning is not in the record and does not count it", () => {
    const b = bundle({
      warning: [cable],
      response: [
        response("r9", "1994-01-12", { warning: "w-missing", kind: "refusal", refusalReason: "political" }),
      ],
    });
    const l = buildLedger(b, { asOf: "1994-01-13" });
    expect(l.problems).toEqual([
      { record: "r9", message: 'answers warning "w-missing", which is not in the ledger' },
    ]);
    expect(l.warnings[0]?.responses).toEqual([]);
  });
});

describe("buildLedger with several addressees", () => {
  it("lets a response that names no request answer only the requests addressed to its actor", () => {
    const w = warning("w5", "2021-10-05", {
      recipients: ["hq", "council"],
      requestedActions: [
        {
          id: "a-patrols",
          kind: "protect-civilians",
          description: "patrols",
          addressees: ["hq"],
          dueAt: "2021-10-12",
        },
        {
          id: "a-sanctions",
          kind: "targeted-sanctions",
          description: "sanctions",
          addressees: ["council"],
          dueAt: "2021-11-05",
        },
      ],
    });
    const b = bundle({
      warning: [w],
      response: [
        response("ack", "2021-10-07", { warning: "w5", actor: "hq" }),
        response("other", "2021-10-08", { warning: "w5", actor: "bystander", kind: "statement" }),
      ],
    });
    const l = buildLedger(b, { asOf: "2021-12-01" });
    expect(l.warnings[0]?.requests.map((q) => [q.action, q.status, q.responses])).toEqual([
      ["a-patrols", "acknowledged", ["ack", "other"]],
      ["a-sanctions", "acknowledged", ["other"]],
    ]);
    expect(l.dutyBearers.map((d) => [d.actor, d.received, d.answered, d.unanswered])).toEqual([
      ["council", 1, 0, ["w5"]],
      ["hq", 1, 1, []],
    ]);
  });
});

describe("buildLedger duty-bearers: recipients against addressees", () => {
  it("counts a warning as received only by its recipients; an addressee who is not one is only aimed at", () => {
    // A minister writes to an ambassador asking that the council strengthen a mandate: the council is the
    // actor the request is aimed at, but nothing says it received the letter.
    const w = warning("w7", "1994-02-25", {
      sender: "minister",
      recipients: ["ambassador"],
      requestedActions: [
        { id: "a-mandate", kind: "strengthen-mandate", description: "strengthen", addressees: ["council"] },
      ],
    });
    const b = bundle({
      warning: [w],
      response: [response("r1", "1994-02-27", { warning: "w7", actor: "ambassador", kind: "statement" })],
    });
    const l = buildLedger(b, { asOf: "1994-04-06" });
    expect(
      l.dutyBearers.map((d) => [d.actor, d.received, d.aimedAt, d.aimedAtWarnings, d.answered, d.unanswered]),
    ).toEqual([
      ["ambassador", 1, 0, [], 1, []],
      ["council", 0, 1, ["w7"], 0, []],
    ]);
  });

  it("counts an addressee who is also a recipient as having received the warning", () => {
    const w = warning("w8", "1994-02-25", {
      recipients: ["council"],
      requestedActions: [{ id: "a", kind: "strengthen-mandate", description: "s", addressees: ["council"] }],
    });
    const l = buildLedger(bundle({ warning: [w] }), { asOf: "1994-04-06" });
    expect(l.dutyBearers.map((d) => [d.actor, d.received, d.aimedAt, d.unanswered])).toEqual([
      ["council", 1, 0, ["w8"]],
    ]);
  });
});
