import { describe, expect, it } from "vitest";
import { actor, bundle, response, warning } from "../../../test/analysis/helpers/bundle.js";
import { deskBoard, type BoardDelivery } from "./desk-board.js";

const ask = (id: string, dueAt: string) => ({
  id,
  kind: "seize-arms" as const,
  description: `do ${id}`,
  dueAt,
});
const w1 = warning("w1", "2031-05-01", {
  recipients: ["hq", "gov"],
  requestedActions: [ask("a1", "2031-05-04")],
});
const w2 = warning("w2", "2031-05-02", { recipients: ["hq"], requestedActions: [ask("a2", "2031-05-20")] });
const historic = warning("w0", "2031-01-01", { recipients: ["hq"] });
const b = bundle({
  actor: [actor("hq"), actor("gov"), actor("boss")],
  warning: [
    historic,
    w2,
    w1,
    warning("esc-w1-a1", "2031-05-05", { recipients: ["boss"], requestedActions: [ask("e1", "2031-05-08")] }),
  ],
  response: [
    response("r1", "2031-05-03", { actor: "hq", warning: "w1", kind: "refusal", refusalReason: "mandate" }),
    response("r2", "2031-05-21", { actor: "hq", warning: "w2", kind: "acknowledgement" }),
  ],
});
const delivery = (
  id: string,
  warning: string,
  recipient: string,
  state: string,
  purpose = "warning",
): BoardDelivery => ({
  id,
  warning,
  recipient,
  channel: "email",
  purpose,
  state,
  attempts: state === "dead" ? 5 : 1,
});
const deliveries = [
  delivery("d1", "w1", "hq", "delivered"),
  delivery("d2", "w1", "gov", "dead"),
  delivery("d2r", "w1", "gov", "queued", "reminder"),
  delivery("d3", "w2", "hq", "failed"),
  delivery("d4", "w2", "hq", "delivered"),
];
const followups = [{ warning: "w1", action: "a1", kind: "escalation", followupWarning: "esc-w1-a1" }];

describe("deskBoard", () => {
  it("lists only desk warnings, earliest due first, with each recipient's delivery and answer", () => {
    const d = deskBoard(b, ["w1", "w2", "esc-w1-a1"], deliveries, followups, "2031-05-06");
    expect(d.warnings.map((w) => [w.warning, w.dueAt, w.open])).toEqual([
      ["w1", "2031-05-04", false],
      ["esc-w1-a1", "2031-05-08", true],
      ["w2", "2031-05-20", true],
    ]);
    const first = d.warnings[0];
    expect(first?.recipients.map((r) => [r.actor, r.delivery, r.answer])).toEqual([
      ["hq", "delivered", "refused"],
      // The reminder is not the warning's delivery: the warning itself is a dead letter.
      ["gov", "dead", "silent"],
    ]);
    expect(first?.requests[0]?.escalatedTo).toBe("esc-w1-a1");
    expect(d.warnings[1]?.escalates).toEqual({ warning: "w1", action: "a1" });
    expect(d.warnings[2]?.recipients[0]).toMatchObject({ delivery: "delivered", answer: "awaiting" });
    expect(d.deadLetters).toEqual([
      {
        id: "d2",
        warning: "w1",
        recipient: "gov",
        name: "Name of gov",
        channel: "email",
        purpose: "warning",
        attempts: 5,
      },
    ]);
  });

  it("a refusal answers the request, so only unanswered lapses are overdue", () => {
    const d = deskBoard(b, ["w1", "w2", "esc-w1-a1"], deliveries, followups, "2031-05-10");
    expect(d.overdue.map((o) => [o.warning, o.action, o.daysOverdue])).toEqual([["esc-w1-a1", "e1", 2]]);
  });

  it("keeps a live per-duty-bearer scorecard: in time, late, refused, silent, awaited", () => {
    const d = deskBoard(b, ["w1", "w2", "esc-w1-a1"], deliveries, followups, "2031-05-25");
    const row = (id: string) => d.scorecard.find((s) => s.actor === id);
    expect(row("hq")).toMatchObject({ warned: 2, answeredInTime: 1, answeredLate: 1, refused: 1, silent: 0 });
    expect(row("gov")).toMatchObject({ warned: 1, answeredInTime: 0, silent: 1, awaiting: 0 });
    expect(row("boss")).toMatchObject({ warned: 1, silent: 1 });
    // Earlier, the escalation's addressee still had time.
    const before = deskBoard(b, ["w1", "w2", "esc-w1-a1"], deliveries, followups, "2031-05-06");
    expect(before.scorecard.find((s) => s.actor === "boss")).toMatchObject({ silent: 0, awaiting: 1 });
  });
});
