import { describe, expect, it } from "vitest";
import { LruMap } from "./lru-map.js";

describe("LruMap", () => {
  it("keeps the most recently used entries and evicts the least recently used", () => {
    const m = new LruMap<string, number>(2);
    m.set("a", 1).set("b", 2);
    expect(m.get("a")).toBe(1); // "a" is now the most recent
    m.set("c", 3); // evicts "b"
    expect([m.has("a"), m.has("b"), m.has("c")]).toEqual([true, false, true]);
    m.set("d", 4); // evicts "a"
    expect([m.has("a"), m.has("c"), m.has("d")]).toEqual([false, true, true]);
  });

  it("never holds more than its capacity", () => {
    const m = new LruMap<number, number>(16);
    for (let i = 0; i < 1000; i += 1) m.set(i, i);
    expect(m.size).toBe(16);
    expect(m.get(999)).toBe(999);
    expect(m.get(983)).toBeUndefined();
  });

  it("getOrSet makes a value once per key while it is held", () => {
    const m = new LruMap<string, object>(1);
    let made = 0;
    const make = () => ({ n: ++made });
    const a = m.getOrSet("a", make);
    expect(m.getOrSet("a", make)).toBe(a);
    m.getOrSet("b", make); // evicts "a"
    expect(m.getOrSet("a", make)).not.toBe(a);
    expect(made).toBe(3);
  });

  it("replacing a key keeps one entry; deleteWhere drops the matching keys", () => {
    const m = new LruMap<string, number>(3);
    m.set("x:1", 1).set("x:1", 2).set("y:1", 3);
    expect(m.size).toBe(2);
    expect(m.get("x:1")).toBe(2);
    m.deleteWhere((k) => k.startsWith("x:"));
    expect([m.has("x:1"), m.has("y:1")]).toEqual([false, true]);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new LruMap(0)).toThrow(/capacity must be a positive integer/);
    expect(() => new LruMap(1.5)).toThrow(/capacity/);
  });
});
