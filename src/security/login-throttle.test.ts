import { describe, expect, it } from "vitest";
import { authenticate } from "./authenticate.js";
import { LoginThrottle } from "./login-throttle.js";
import { hashPassword } from "./password-hash.js";

const T0 = Date.UTC(2026, 0, 1);

describe("login throttle", () => {
  it("allows 10 failures per account in 15 minutes, then answers with Retry-After seconds", () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 10; i++) {
      expect(t.check("ana", `10.0.0.${i}`, T0 + i * 1000)).toEqual({ allowed: true });
      t.fail("ana", `10.0.0.${i}`, T0 + i * 1000);
    }
    expect(t.check("ana", "10.0.0.99", T0 + 10_000)).toEqual({ allowed: false, retryAfterSeconds: 890 });
    expect(t.check("ANA", "10.0.0.99", T0 + 10_000).allowed).toBe(false);
    expect(t.check("ana", "10.0.0.99", T0 + 900_001)).toEqual({ allowed: true });
  });

  it("also limits one address guessing many accounts, and a success does not reset the address", () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 10; i++) t.fail(`user${i}`, "192.0.2.1", T0);
    t.succeed("user0");
    expect(t.check("someone-new", "192.0.2.1", T0 + 1000)).toEqual({
      allowed: false,
      retryAfterSeconds: 899,
    });
    expect(t.check("someone-new", "192.0.2.2", T0 + 1000)).toEqual({ allowed: true });
  });

  it("starts empty", () => {
    expect(new LoginThrottle().check("", "", 0)).toEqual({ allowed: true });
  });
});

describe("authenticate", () => {
  it("gives one answer for an unknown user, a disabled user and a wrong password, and similar timing", async () => {
    const hash = await hashPassword("right");
    const users = new Map([
      ["ana", { id: "u1", passwordHash: hash, disabled: false }],
      ["bo", { id: "u2", passwordHash: hash, disabled: true }],
    ]);
    const find = (u: string) => Promise.resolve(users.get(u));
    const t = new LoginThrottle();
    expect(await authenticate(t, find, "ana", "right", "ip", T0)).toMatchObject({
      ok: true,
      account: { id: "u1" },
    });
    const timed = async (u: string, p: string) => {
      const s = process.hrtime.bigint();
      const r = await authenticate(t, find, u, p, `ip-${u}`, T0);
      return { r, ms: Number(process.hrtime.bigint() - s) / 1e6 };
    };
    await timed("warm", "up");
    const wrong = await timed("ana", "wrong");
    const unknown = await timed("nobody", "right");
    const disabled = await timed("bo", "right");
    for (const x of [wrong, unknown, disabled]) expect(x.r).toEqual({ ok: false, reason: "invalid" });
    // Each path runs exactly one scrypt (tens of ms): the unknown-user path must not be several times faster.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 3);
    expect(disabled.ms).toBeGreaterThan(wrong.ms / 3);
  });

  it("answers throttled with Retry-After once the limit is reached, without checking the password", async () => {
    const t = new LoginThrottle({ maxFailures: 2, windowSeconds: 60 });
    const find = () => Promise.resolve(undefined);
    await authenticate(t, find, "x", "p", "ip", T0);
    await authenticate(t, find, "x", "p", "ip", T0);
    expect(await authenticate(t, find, "x", "p", "ip", T0 + 1000)).toEqual({
      ok: false,
      reason: "throttled",
      retryAfterSeconds: 59,
    });
  });
});
