import { describe, expect, it } from "vitest";
import { can, needsSecondFactor, parseRole, PERMISSIONS, ROLES } from "./roles.js";
import { hashSecret, newApiToken, newSecret } from "./secret-token.js";

describe("roles", () => {
  it("grants exactly this matrix (deny by default)", () => {
    const matrix = Object.fromEntries(ROLES.map((r) => [r, PERMISSIONS.filter((p) => can(r, p))]));
    expect(matrix).toEqual({
      admin: ["records:read", "records:write", "log:read", "users:manage", "audit:read"],
      analyst: ["records:read", "records:write", "log:read"],
      viewer: ["records:read"],
      "source-handler": [
        "records:read",
        "records:write",
        "sources:protected:read",
        "sources:protected:approve",
        "sources:protected:write",
        "log:read",
      ],
    });
  });

  it("grants nothing to an unknown, empty or missing role", () => {
    for (const p of PERMISSIONS) {
      expect(can("root", p)).toBe(false);
      expect(can("", p)).toBe(false);
      expect(can(undefined, p)).toBe(false);
    }
    expect(parseRole("Admin")).toBeUndefined();
  });

  it("requires a second factor for admins, source-handlers and unknown roles", () => {
    expect(ROLES.filter(needsSecondFactor)).toEqual(["admin", "source-handler"]);
    expect(needsSecondFactor("nobody")).toBe(true);
  });
});

describe("secret tokens", () => {
  it("are random, 256-bit, and stored only as SHA-256", () => {
    expect(newSecret()).toMatch(/^[\w-]{43}$/u);
    expect(newSecret()).not.toBe(newSecret());
    expect(newApiToken()).toMatch(/^tcn_[\w-]{43}$/u);
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
