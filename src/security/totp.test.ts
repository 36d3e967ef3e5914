import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, totp, totpUri, verifyTotp } from "./totp.js";

// RFC 6238 Appendix B test vectors (8 digits; seeds are the ASCII strings of the RFC).
const SEED1 = Buffer.from("12345678901234567890");
const SEED256 = Buffer.from("12345678901234567890123456789012");
const SEED512 = Buffer.from("1234567890123456789012345678901234567890123456789012345678901234");
const VECTORS: [number, string, string, string][] = [
  [59, "94287082", "46119246", "90693936"],
  [1111111109, "07081804", "68084774", "25091201"],
  [1111111111, "14050471", "67062674", "99943326"],
  [1234567890, "89005924", "91819424", "93441116"],
  [2000000000, "69279037", "90698825", "38618901"],
  [20000000000, "65353130", "77737706", "47863826"],
];

describe("TOTP (RFC 6238)", () => {
  it("reproduces every RFC 6238 test vector for SHA-1, SHA-256 and SHA-512", () => {
    for (const [t, sha1, sha256, sha512] of VECTORS) {
      expect(totp(SEED1, t, 8)).toBe(sha1);
      expect(totp(SEED256, t, 8, "sha256")).toBe(sha256);
      expect(totp(SEED512, t, 8, "sha512")).toBe(sha512);
    }
  });

  it("reproduces the RFC 4226 HOTP values (6 digits)", () => {
    expect([0, 1, 2, 3, 9].map((c) => hotp(SEED1, c))).toEqual([
      "755224",
      "287082",
      "359152",
      "969429",
      "520489",
    ]);
  });

  it("accepts the current code and one step of drift, refuses replay and garbage", () => {
    const code = totp(SEED1, 1_000_000);
    const step = Math.floor(1_000_000 / 30);
    expect(verifyTotp(SEED1, code, 1_000_000)).toBe(step);
    expect(verifyTotp(SEED1, code, 1_000_000 + 30)).toBe(step);
    expect(verifyTotp(SEED1, code, 1_000_000 + 90)).toBeUndefined();
    expect(verifyTotp(SEED1, code, 1_000_000, step)).toBeUndefined();
    expect(verifyTotp(SEED1, "", 1_000_000)).toBeUndefined();
    expect(verifyTotp(SEED1, "12345a", 1_000_000)).toBeUndefined();
  });

  it("encodes base32 per RFC 4648 and round-trips any bytes", () => {
    expect(base32Encode(Buffer.from("foobar"))).toBe("MZXW6YTBOI");
    expect(base32Decode("MZXW6YTBOI======")?.toString()).toBe("foobar");
    expect(base32Decode("not base32!")).toBeUndefined();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (b) => {
        expect(base32Decode(base32Encode(b))?.equals(Buffer.from(b))).toBe(true);
      }),
    );
  });

  it("builds an otpauth URI with the secret in base32", () => {
    expect(totpUri(SEED1, "ana@example.org")).toBe(
      "otpauth://totp/Tocsin%3Aana%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Tocsin&algorithm=SHA1&digits=6&period=30",
    );
  });
});
