import { chmodSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateLogKey, loadLogKey, loadOrCreateLogKey, LogKeyError } from "./log-key.file.js";

const dir = (): string => mkdtempSync(join(tmpdir(), "tocsin-key-"));

describe("log key file", () => {
  it("generates a fresh key per install with mode 0600 and loads it back", () => {
    const a = join(dir(), "log.key");
    const b = join(dir(), "log.key");
    const ka = generateLogKey(a, "tocsin.test/log");
    const kb = generateLogKey(b, "tocsin.test/log");
    expect(ka.publicKey.equals(kb.publicKey)).toBe(false);
    expect(statSync(a).mode & 0o777).toBe(0o600);
    expect(loadLogKey(a).publicKey.equals(ka.publicKey)).toBe(true);
    expect(readFileSync(a, "utf8")).toMatch(/^PRIVATE\+KEY\+tocsin\.test\/log\+[0-9a-f]{8}\+\S+\n$/u);
  });

  it("never overwrites an existing key", () => {
    const p = join(dir(), "log.key");
    generateLogKey(p, "x");
    expect(() => generateLogKey(p, "x")).toThrow(expect.objectContaining({ code: "KEY_EXISTS" }));
    expect(loadOrCreateLogKey(p, "x").name).toBe("x");
  });

  it("refuses a missing, a world-readable and a malformed key file", () => {
    const d = dir();
    expect(() => loadLogKey(join(d, "none"))).toThrow(LogKeyError);
    const p = join(d, "log.key");
    generateLogKey(p, "x");
    chmodSync(p, 0o644);
    expect(() => loadLogKey(p)).toThrow(expect.objectContaining({ code: "KEY_PERMISSIONS" }));
    chmodSync(p, 0o600);
    expect(loadOrCreateLogKey(join(d, "new.key"), "x").name).toBe("x");
  });
});
