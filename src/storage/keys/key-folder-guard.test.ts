import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StoreError } from "../store-error.js";
import { refuseUnignoredKeyFile } from "./key-folder-guard.js";
import { installFieldKey, installLogKey } from "./install-keys.js";

const HAVE_GIT = spawnSync("git", ["--version"]).status === 0;
if (!HAVE_GIT)
  console.warn("[storage/key-folder-guard] git is not installed: the work-tree cases are SKIPPED");

/** A fresh git work tree with `ignore` as its .gitignore. */
function repo(ignore = ""): string {
  const dir = mkdtempSync(join(tmpdir(), "tocsin-guard-"));
  expect(spawnSync("git", ["init", "-q", dir]).status).toBe(0);
  if (ignore) writeFileSync(join(dir, ".gitignore"), ignore);
  return dir;
}

describe("no key file where git would commit it", () => {
  it("passes outside any work tree without asking git", () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-guard-"));
    expect(() =>
      refuseUnignoredKeyFile(join(dir, "s.db.keys", "field.key"), { git: "/nonexistent/git" }),
    ).not.toThrow();
  });

  it.skipIf(!HAVE_GIT)(
    "refuses a key file git does not ignore, naming the file, the work tree and the fix",
    () => {
      const dir = repo();
      const file = join(dir, "data", "s.db.keys", "field.key");
      let thrown: unknown;
      try {
        refuseUnignoredKeyFile(file);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(StoreError);
      expect(thrown).toMatchObject({ code: "STORE_UNSAFE" });
      const message = (thrown as Error).message;
      expect(message).toContain(file);
      expect(message).toContain(`"data/s.db.keys/" to ${join(dir, ".gitignore")}`);
      expect(message).toContain("TOCSIN_KEYS or --keys DIR");
      expect(existsSync(join(dir, "data"))).toBe(false);
    },
  );

  it.skipIf(!HAVE_GIT)(
    "passes a key file git ignores (a folder pattern, even before the folder exists)",
    () => {
      const dir = repo("*.db.keys/\ntocsin.keys/\n");
      expect(() => refuseUnignoredKeyFile(join(dir, "s.db.keys", "field.key"))).not.toThrow();
      expect(() => refuseUnignoredKeyFile(join(dir, "deep", "er", "x.db.keys", "log.key"))).not.toThrow();
      expect(() => refuseUnignoredKeyFile(join(dir, "tocsin.keys", "log.key"))).not.toThrow();
      expect(() => refuseUnignoredKeyFile(join(dir, "keys", "log.key"))).toThrow(StoreError);
    },
  );

  it.skipIf(!HAVE_GIT)("refuses a path git tracks even though a pattern ignores it", () => {
    const dir = repo("*.key\n");
    writeFileSync(join(dir, "field.key"), "x\n");
    expect(spawnSync("git", ["-C", dir, "add", "-f", "field.key"]).status).toBe(0);
    expect(() => refuseUnignoredKeyFile(join(dir, "field.key"))).toThrow(/"field.key"/u);
    expect(() => refuseUnignoredKeyFile(join(dir, "other.key"))).not.toThrow();
  });

  it("passes when git is not installed (nobody here can commit the key) and when .git is no repository", () => {
    const dir = mkdtempSync(join(tmpdir(), "tocsin-guard-"));
    mkdirSync(join(dir, ".git"));
    expect(() =>
      refuseUnignoredKeyFile(join(dir, "k", "field.key"), { git: "/nonexistent/git" }),
    ).not.toThrow();
    if (HAVE_GIT) expect(() => refuseUnignoredKeyFile(join(dir, "k", "field.key"))).not.toThrow();
  });

  it.skipIf(!HAVE_GIT)(
    "guards the keys a store creates on first use, and creates nothing when it refuses",
    () => {
      const dir = repo();
      const db = join(dir, "s.db");
      expect(() => installFieldKey(db)).toThrow(/does not ignore it/u);
      expect(() => installLogKey(db)).toThrow(/does not ignore it/u);
      expect(existsSync(`${db}.keys`)).toBe(false);
      writeFileSync(join(dir, ".gitignore"), "*.db.keys/\n");
      expect(installFieldKey(db).length).toBe(32);
      expect(existsSync(join(`${db}.keys`, "field.key"))).toBe(true);
    },
  );
});
