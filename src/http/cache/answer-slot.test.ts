import { describe, expect, it } from "vitest";
import { AnswerSlot, type VersionedAnswer } from "./answer-slot.js";

/** Computations the test ends one by one; a queued one "reads" the version `next`. */
function computations() {
  const pending: (() => void)[] = [];
  const started: (string | undefined)[] = [];
  let next = "v0";
  const compute = (version: string | undefined) =>
    new Promise<VersionedAnswer>((resolve) => {
      started.push(version);
      const used = version ?? next;
      pending.push(() => resolve({ version: used, answer: { body: `body@${used}`, etag: `"${used}"` } }));
    });
  return {
    compute,
    started,
    setNext: (v: string) => (next = v),
    finish: () => pending.shift()?.(),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("AnswerSlot", () => {
  it("serves the latest answer while the version is the same, computing once", async () => {
    const s = new AnswerSlot();
    const c = computations();
    const first = s.at("v1", c.compute);
    const joined = s.at("v1", c.compute);
    c.finish();
    expect((await first).answer.body).toBe("body@v1");
    expect(await joined).toBe(await first);
    expect((await s.at("v1", c.compute)).answer.body).toBe("body@v1");
    expect(c.started).toEqual(["v1"]);
  });

  it("a newer version waits for one queued computation that starts after the running one", async () => {
    const s = new AnswerSlot();
    const c = computations();
    const old = s.at("v1", c.compute);
    const a = s.at("v2", c.compute);
    const b = s.at("v3", c.compute);
    expect(c.started).toEqual(["v1"]);
    c.setNext("v3");
    c.finish();
    expect((await old).version).toBe("v1");
    await tick();
    expect(c.started).toEqual(["v1", undefined]);
    c.finish();
    expect([(await a).answer.body, (await b).answer.body]).toEqual(["body@v3", "body@v3"]);
    expect((await s.at("v3", c.compute)).version).toBe("v3");
    expect(c.started).toHaveLength(2);
  });

  it("a failed computation fails its callers and is not kept", async () => {
    const s = new AnswerSlot();
    await expect(s.at("v1", () => Promise.reject(new Error("no such case")))).rejects.toThrow("no such case");
    const ok = await s.at("v1", async () => ({ version: "v1", answer: { body: "b", etag: '"e"' } }));
    expect(ok.answer.body).toBe("b");
  });

  it("with a staleness bound, serves the latest answer at once while the new one is computed", async () => {
    let t = 0;
    const s = new AnswerSlot(1000, () => t);
    const c = computations();
    const first = s.at("v1", c.compute);
    c.finish();
    await first;
    t = 500;
    expect((await s.at("v2", c.compute)).version).toBe("v1"); // stale, within the bound
    expect(c.started).toEqual(["v1", "v2"]);
    c.finish();
    await tick();
    expect((await s.at("v2", c.compute)).version).toBe("v2");
    t = 5000; // beyond the bound: a newer version waits for its own answer
    const late = s.at("v3", c.compute);
    await tick();
    c.finish();
    expect((await late).version).toBe("v3");
  });

  it("a request that may not be given the latest answer waits for the new one, within the bound too", async () => {
    let t = 0;
    const s = new AnswerSlot(1000, () => t);
    const c = computations();
    const first = s.at("v1", c.compute);
    c.finish();
    await first;
    t = 100;
    const own = s.at("v2", c.compute, (latest) => latest.version !== "v1");
    const other = s.at("v2", c.compute); // may be given v1 at once
    expect((await other).version).toBe("v1");
    expect(c.started).toEqual(["v1", "v2"]); // one computation for both
    c.finish();
    expect((await own).version).toBe("v2");
  });
});
