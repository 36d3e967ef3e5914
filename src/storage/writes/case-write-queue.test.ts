import { describe, expect, it } from "vitest";
import { casesInWrite, inCaseOrder } from "./case-write-queue.js";

const tick = () => new Promise((r) => setImmediate(r));

/** A write the test ends by hand; records when it starts. */
function manual(log: string[], name: string) {
  let end!: () => void;
  let fail!: (e: Error) => void;
  const done = new Promise<string>((resolve, reject) => {
    end = () => resolve(name);
    fail = reject;
  });
  return {
    write: () => {
      log.push(`start ${name}`);
      return done;
    },
    end: () => end(),
    fail: (e: Error) => fail(e),
  };
}

describe("inCaseOrder", () => {
  it("runs writes to one case one at a time, in arrival order, and others alongside", async () => {
    const store = {};
    const log: string[] = [];
    const a1 = manual(log, "a1");
    const a2 = manual(log, "a2");
    const b1 = manual(log, "b1");
    const p1 = inCaseOrder(store, "a", a1.write);
    const p2 = inCaseOrder(store, "a", a2.write);
    const p3 = inCaseOrder(store, "b", b1.write);
    await tick();
    expect(log).toEqual(["start a1", "start b1"]);
    expect(casesInWrite(store)).toBe(2);
    a1.end();
    expect(await p1).toBe("a1");
    await tick();
    expect(log).toEqual(["start a1", "start b1", "start a2"]);
    a2.end();
    b1.end();
    expect([await p2, await p3]).toEqual(["a2", "b1"]);
    await tick();
    expect(casesInWrite(store)).toBe(0);
  });

  it("a failed write fails its caller only; the next one runs", async () => {
    const store = {};
    const log: string[] = [];
    const bad = manual(log, "bad");
    const good = manual(log, "good");
    const p1 = inCaseOrder(store, "a", bad.write);
    const p2 = inCaseOrder(store, "a", good.write);
    await tick();
    bad.fail(new Error("refused"));
    await expect(p1).rejects.toThrow("refused");
    await tick();
    expect(log).toEqual(["start bad", "start good"]);
    good.end();
    expect(await p2).toBe("good");
  });

  it("keeps queues apart per store", async () => {
    const log: string[] = [];
    const x = manual(log, "x");
    const y = manual(log, "y");
    const px = inCaseOrder({}, "a", x.write);
    const py = inCaseOrder({}, "a", y.write);
    await tick();
    expect(log).toEqual(["start x", "start y"]);
    x.end();
    y.end();
    expect([await px, await py]).toEqual(["x", "y"]);
  });
});
