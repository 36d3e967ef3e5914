import { describe, expect, it } from "vitest";
import { bundle, commitment, response } from "../../test/analysis/helpers/bundle.js";
import { commitmentStates } from "./commitments.js";

describe("commitmentStates", () => {
  it("marks a threat never carried out as overdue once its follow-up date has passed", () => {
    const b = bundle({
      commitment: [commitment("c1", "1993-03-08", { followUpDue: "1993-06-30", delivered: false })],
    });
    expect(commitmentStates(b, { asOf: "1993-05-01" })[0]).toMatchObject({
      status: "pending",
      dueSource: "declared",
    });
    expect(commitmentStates(b, { asOf: "1993-07-10" })[0]).toMatchObject({
      status: "overdue",
      dueAt: "1993-06-30",
      daysOverdue: 10,
      recordedDelivered: false,
    });
  });

  it("uses the default window when no follow-up date is given", () => {
    const b = bundle({ commitment: [commitment("c1", "1993-03-08", { delivered: false })] });
    expect(commitmentStates(b, { asOf: "1993-04-30" })[0]).toMatchObject({
      status: "overdue",
      dueAt: "1993-04-07",
      dueSource: "default",
      dueAssumed: true,
      daysOverdue: 23,
    });
    expect(commitmentStates(b, { asOf: "1993-04-30", followUpDays: 60 })[0]).toMatchObject({
      status: "pending",
      dueAt: "1993-05-07",
    });
  });

  it("counts a delivery only from the day it happened, from the delivering response or the record's date", () => {
    const b = bundle({
      commitment: [
        commitment("c1", "1993-03-08", { delivered: true, deliveredBy: "r1" }),
        commitment("c2", "1993-03-08", { delivered: true, deliveredAt: "1993-03-20", kind: "promise" }),
      ],
      response: [response("r1", "1993-03-10", { kind: "diplomatic-measure" })],
    });
    expect(
      commitmentStates(b, { asOf: "1993-03-15" }).map((c) => [c.commitment, c.status, c.daysToDeliver]),
    ).toEqual([
      ["c1", "delivered", 2],
      ["c2", "pending", undefined],
    ]);
    expect(commitmentStates(b, { asOf: "1993-12-31" })[1]).toMatchObject({
      status: "delivered",
      deliveredAt: "1993-03-20",
      daysToDeliver: 12,
    });
  });

  it("leaves a commitment with unknown delivery and no declared due date undetermined, not overdue", () => {
    const b = bundle({
      commitment: [
        commitment("c1", "1993-03-08", { delivered: null }),
        commitment("c2", "1993-03-08", { delivered: null, followUpDue: "1993-04-01" }),
        commitment("c3", "1993-03-08", {
          delivered: false,
          followUpDue: "1993-04-01",
          followUpDueAssumed: true,
        }),
      ],
    });
    expect(
      commitmentStates(b, { asOf: "1993-05-01" }).map((c) => [
        c.commitment,
        c.status,
        c.dueSource,
        c.dueAssumed,
        c.daysOverdue,
      ]),
    ).toEqual([
      ["c1", "undetermined", "default", true, undefined],
      ["c2", "overdue", "declared", false, 30],
      ["c3", "overdue", "declared", true, 30],
    ]);
    // Before the default window ends it is simply pending.
    expect(commitmentStates(b, { asOf: "1993-03-20" })[0]?.status).toBe("pending");
  });

  it("is empty for an empty case and ignores commitments not yet known", () => {
    expect(commitmentStates(bundle(), { asOf: "1993-01-01" })).toEqual([]);
    const b = bundle({ commitment: [commitment("c1", "1993-03-08", { knownAt: "1995-01-01" })] });
    expect(commitmentStates(b, { asOf: "1994-01-01" })).toEqual([]);
  });

  it("treats a delivering response missing from the record as no delivery", () => {
    const b = bundle({
      commitment: [
        commitment("c1", "1993-03-08", {
          delivered: null,
          deliveredBy: "r-missing",
          followUpDue: "1993-04-01",
        }),
      ],
    });
    expect(commitmentStates(b, { asOf: "1993-05-01" })[0]?.status).toBe("overdue");
  });
});
