import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAuditLine, encodeAuditLine, redactSecrets } from "./audit-line.js";

describe("audit lines", () => {
  it("writes one JSON line with time, actor, action and target", () => {
    expect(
      encodeAuditLine({
        at: "2026-01-02T03:04:05.000Z",
        actor: "u1",
        action: "login.ok",
        target: "u1",
        outcome: "ok",
      }),
    ).toBe(
      '{"at":"2026-01-02T03:04:05.000Z","actor":"u1","action":"login.ok","target":"u1","outcome":"ok"}\n',
    );
  });

  it("cannot be split into forged lines by hostile input", () => {
    const hostile = 'eve\n{"at":"x","actor":"admin","action":"user.role"}\r\u2028\u2029';
    const line = encodeAuditLine({ at: "t", actor: hostile, action: "login.failed" });
    expect(line.split(/\r\n|\n|\r|\u2028|\u2029/u)).toEqual([line.slice(0, -1), ""]);
    expect(decodeAuditLine(line)?.actor).toBe(hostile);
    fc.assert(
      fc.property(fc.string(), fc.string(), (actor, target) => {
        const l = encodeAuditLine({ at: "t", actor, action: "a", target });
        expect(l.slice(0, -1)).not.toMatch(/[\n\r\u2028\u2029]/u);
        expect(decodeAuditLine(l)).toMatchObject({ actor, target });
      }),
    );
  });

  it("escapes NEL, which JSON leaves raw but some readers split lines at", () => {
    const line = encodeAuditLine({ at: "t", actor: "eve\u0085forged", action: "a" });
    expect(line).toBe('{"at":"t","actor":"eve\\u0085forged","action":"a"}\n');
    expect(decodeAuditLine(line)?.actor).toBe("eve\u0085forged");
  });

  it("redacts an API token written anywhere, e.g. pasted into a path", () => {
    const token = "tcn_Zm9yZ2VkLXRva2VuLXZhbHVl";
    const line = encodeAuditLine({
      at: "t",
      actor: "anonymous",
      action: "GET /x/:id",
      target: `/x/${token}`,
    });
    expect(line).not.toContain(token);
    expect(decodeAuditLine(line)?.target).toBe("/x/[redacted]");
  });

  it("redacts passwords, tokens and other secrets at any depth", () => {
    const line = encodeAuditLine({
      at: "t",
      actor: "u",
      action: "user.add",
      details: {
        password: "hunter2",
        nested: { apiToken: "tok-1", totpSecret: "S", Authorization: "Bearer z", name: "ok" },
        list: [{ sessionId: "s" }],
      },
    });
    for (const secret of ["hunter2", "tok-1", '"S"', "Bearer z", '"s"']) expect(line).not.toContain(secret);
    expect(redactSecrets({ password: "x", n: 1 })).toEqual({ password: "[redacted]", n: 1 });
    expect(line).toContain('"name":"ok"');
  });

  it("decodes nothing from an empty or broken line", () => {
    expect(decodeAuditLine("")).toBeUndefined();
    expect(decodeAuditLine("[1]")).toBeUndefined();
  });
});
