import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type Response } from "../../domain/index.js";
import { bundle, response, warning } from "../../../test/analysis/helpers/bundle.js";
import { buildLedger } from "./ledger.js";

const KINDS = ["none", "acknowledgement", "refusal", "deployment", "statement", "withdrawal"] as const;

describe("buildLedger (properties)", () => {
  it("gives every request exactly one status consistent with its answers, whatever the responses", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            after: fc.integer({ min: 0, max: 90 }),
            kind: fc.constantFrom(...KINDS),
            action: fc.constantFrom("a1", "a2", undefined),
          }),
          {
            maxLength: 8,
          },
        ),
        fc.integer({ min: 0, max: 120 }),
        (specs, asOfAfter) => {
          const start = "1994-01-01";
          const w = warning("w", start, {
            recipients: ["hq"],
            requestedActions: [
              { id: "a1", kind: "seize-arms", description: "a1", dueAt: "1994-01-10" },
              { id: "a2", kind: "deploy", description: "a2" },
            ],
          });
          const responses: Response[] = specs.map((s, i) =>
            response(`r${i}`, addDays(start, s.after), {
              warning: "w",
              kind: s.kind,
              ...(s.action === undefined ? {} : { requestedAction: s.action }),
              ...(s.kind === "refusal" ? { refusalReason: "political" as const } : {}),
            }),
          );
          const asOf = addDays(start, asOfAfter);
          const l = buildLedger(bundle({ warning: [w], response: responses }), { asOf });
          for (const q of l.warnings[0]?.requests ?? []) {
            const answered = q.responses.length > 0;
            expect(answered).toBe(
              q.status === "acted" || q.status === "refused" || q.status === "acknowledged",
            );
            if (q.status === "lapsed") expect(q.dueAt < asOf).toBe(true);
            if (q.status === "open") expect(q.dueAt >= asOf).toBe(true);
            if (q.daysToFirstResponse !== undefined) expect(q.daysToFirstResponse).toBeGreaterThanOrEqual(0);
            if (q.daysToAction !== undefined)
              expect(q.daysToAction).toBeGreaterThanOrEqual(q.daysToFirstResponse ?? 0);
          }
          expect(l.problems.length).toBe(
            specs.filter((s) => s.kind === "none" && s.after <= asOfAfter).length,
          );
        },
      ),
    );
  });
});
