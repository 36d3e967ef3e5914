import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password-hash.js";

describe("scrypt password hashes", () => {
  it("hashes with a fresh salt in PHC form and verifies", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/u);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("never matches a malformed or empty stored hash", async () => {
    expect(await verifyPassword("x", "")).toBe(false);
    expect(
      await verifyPassword(
        "x",
        "$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
      ),
    ).toBe(false);
    expect(await verifyPassword("x", "plaintext")).toBe(false);
  });

  it("treats Unicode normalisation forms of one password alike", async () => {
    const h = await hashPassword("caf\u00e9");
    expect(await verifyPassword("cafe\u0301", h)).toBe(true);
  });

  it("keeps one dummy hash per process", async () => {
    expect(await dummyPasswordHash()).toBe(await dummyPasswordHash());
  });
});
