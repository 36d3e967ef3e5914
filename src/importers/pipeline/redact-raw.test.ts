import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REDACTED, redactRaw } from "./redact-raw.js";

describe("redactRaw", () => {
  it("replaces every protectedIdentity value, nested anywhere", () => {
    const raw = JSON.stringify({
      kind: "source",
      record: {
        id: "s1",
        confidential: true,
        protectedIdentity: { name: "CANARY", contact: "c@x", device: "d" },
      },
    });
    expect(JSON.parse(redactRaw(raw))).toEqual({
      kind: "source",
      record: {
        id: "s1",
        confidential: true,
        protectedIdentity: { name: REDACTED, contact: REDACTED, device: REDACTED },
      },
    });
  });

  it("redacts loose identity fields of a confidential object and keeps the rest", () => {
    const raw = '{"record":{"id":"s2","confidential":true,"name":"CANARY","title":"T"}}';
    expect(redactRaw(raw)).toBe(
      `{"record":{"id":"s2","confidential":true,"name":"${REDACTED}","title":"T"}}`,
    );
  });

  it("leaves rows without a protected identity untouched, including empty and CSV rows", () => {
    expect(redactRaw("")).toBe("");
    expect(redactRaw("a,b,c")).toBe("a,b,c");
    expect(redactRaw('{"record":{"confidential":false,"name":"public"}}')).toBe(
      '{"record":{"confidential":false,"name":"public"}}',
    );
  });

  it("withholds a row that mentions a protected identity but does not parse", () => {
    const out = redactRaw('{"protectedIdentity":{"name":"CANARY"');
    expect(out).not.toContain("CANARY");
    expect(out.startsWith(REDACTED)).toBe(true);
  });

  it("never lets a protected name through (property)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (name, id) => {
        const canary = `CANARY${name}`;
        const raw = JSON.stringify({ kind: "source", record: { id, protectedIdentity: { name: canary } } });
        const out = redactRaw(raw);
        expect(JSON.parse(out).record.protectedIdentity.name).toBe(REDACTED);
        expect(JSON.parse(out).record.id).toBe(id);
      }),
    );
  });
});
