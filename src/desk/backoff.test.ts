import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";

describe("backoffDelay", () => {
  const p = { baseMs: 1000, capMs: 10_000 };
  it("doubles per attempt, half fixed and half jitter", () => {
    expect([1, 2, 3].map((n) => backoffDelay(n, p, () => 0))).toEqual([500, 1000, 2000]);
    expect([1, 2, 3].map((n) => backoffDelay(n, p, () => 1))).toEqual([1000, 2000, 4000]);
    expect(backoffDelay(2, p, () => 0.5)).toBe(1500);
  });
  it("is capped", () => {
    expect(backoffDelay(20, p, () => 1)).toBe(10_000);
    expect(backoffDelay(20, p, () => 0)).toBe(5_000);
  });
});
