// Where the keys of a store go, through the real binary: beside a SQLite file (refused inside a git work tree
// that does not ignore them), under the data home for PostgreSQL (never the working directory), or in the
// folder named by --keys / TOCSIN_KEYS. PostgreSQL cases read TOCSIN_TEST_PG and skip with a notice when unset.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { serverStoreId } from "../../src/storage/keys/key-locations.js";
import { postgresTarget } from "../storage/store-targets.js";
import { repoRoot, runBin } from "./run-bin.js";

const PG = process.env.TOCSIN_TEST_PG;
if (!PG) console.warn("[cli/keys-location] TOCSIN_TEST_PG is unset: the PostgreSQL cases are SKIPPED");
const HAVE_GIT = spawnSync("git", ["--version"]).status === 0;
if (!HAVE_GIT) console.warn("[cli/keys-location] git is not installed: the work-tree cases are SKIPPED");
const target = PG ? postgresTarget(PG) : undefined;
afterAll(async () => target?.cleanup());

const rwanda = path.join(repoRoot, "cases", "rwanda-1990-1994");
const temp = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

/** A fresh git work tree, optionally with a .gitignore. */
function repo(ignore = ""): string {
  const dir = temp("tocsin-keys-repo-");
  expect(spawnSync("git", ["init", "-q", dir]).status).toBe(0);
  if (ignore) writeFileSync(path.join(dir, ".gitignore"), ignore);
  return dir;
}

const gitStatus = (dir: string) =>
  spawnSync("git", ["-C", dir, "status", "--porcelain", "--untracked-files=all"], { encoding: "utf8" })
    .stdout;

/** The environment of a user whose home is `home` (no XDG_DATA_HOME, no key variables). */
const userEnv = (home: string) => ({
  HOME: home,
  XDG_DATA_HOME: "",
  TOCSIN_KEYS: "",
  TOCSIN_FIELD_KEY_FILE: "",
  TOCSIN_LOG_KEY_FILE: "",
  TOCSIN_FIELD_KEY: "",
});

describe.skipIf(!HAVE_GIT)("a SQLite store's keys inside a git work tree", () => {
  it("are refused where git does not ignore them (exit 2, one line, nothing created), allowed where it does", () => {
    const dir = repo();
    const db = path.join(dir, "s.db");
    const refused = runBin(["case", "load", rwanda, "--db", db], { cwd: dir, env: userEnv(temp("home-")) });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toContain(`refusing to create the key file ${path.join(db)}.keys/field.key`);
    expect(refused.stderr).toContain(`add "s.db.keys/" to ${path.join(dir, ".gitignore")}`);
    expect(readdirSync(dir)).toEqual([".git"]);

    writeFileSync(path.join(dir, ".gitignore"), "*.db\n*.db-*\n*.db.keys/\n");
    const ok = runBin(["case", "load", rwanda, "--db", db], { cwd: dir, env: userEnv(temp("home-")) });
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(`${db}.keys`).sort()).toEqual(["field.key", "log.key"]);
    expect(gitStatus(dir)).toBe("?? .gitignore\n");
  });

  it("--keys DIR and TOCSIN_KEYS name the folder, and are refused inside the work tree too", () => {
    const dir = repo("*.db\n*.db-*\n");
    const db = path.join(dir, "s.db");
    const inside = path.join(dir, "my-keys");
    const env = userEnv(temp("home-"));
    const flag = runBin(["case", "load", rwanda, "--db", db, "--keys", inside], { cwd: dir, env });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain(`add "my-keys/" to`);
    const variable = runBin(["case", "load", rwanda, "--db", db], {
      cwd: dir,
      env: { ...env, TOCSIN_KEYS: inside },
    });
    expect(variable.code).toBe(2);
    expect(existsSync(inside)).toBe(false);

    const outside = path.join(temp("tocsin-keys-"), "k");
    const ok = runBin(["case", "load", rwanda, "--db", db, "--keys", outside], { cwd: dir, env });
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(outside).sort()).toEqual(["field.key", "log.key"]);
    expect(existsSync(`${db}.keys`)).toBe(false);
    // The same folder through TOCSIN_KEYS: the log key found there verifies the log.
    const verify = runBin(["log", "verify", "--db", db], { cwd: dir, env: { ...env, TOCSIN_KEYS: outside } });
    expect(verify.code, verify.stderr).toBe(0);
    expect(gitStatus(dir)).toBe("?? .gitignore\n");
  });

  it("the repository itself ignores a key folder left in the working directory", () => {
    for (const p of [
      "tocsin.keys/field.key",
      "tocsin.keys/log.key",
      "tocsin.db.keys/field.key",
      "tocsin-log.key",
    ])
      expect(spawnSync("git", ["-C", repoRoot, "check-ignore", "-q", "--", p]).status, p).toBe(0);
  });
});

describe.skipIf(!target || !HAVE_GIT)("a PostgreSQL store's keys (postgres)", () => {
  it("live under the data home, named after the store, never in the working directory of a checkout", async () => {
    const location = await (target as NonNullable<typeof target>).fresh();
    const cwd = repo();
    const home = temp("tocsin-home-");
    const demo = runBin(["demo", "--no-serve", "--json", "--db", location], { cwd, env: userEnv(home) });
    expect(demo.code, demo.stderr).toBe(0);
    expect(readdirSync(cwd)).toEqual([".git"]);
    expect(gitStatus(cwd)).toBe("");
    const keys = path.join(home, ".local", "share", "tocsin", "keys", serverStoreId(location));
    expect(readdirSync(keys).sort()).toEqual(["field.key", "log.key"]);
    expect(statSync(keys).mode & 0o777).toBe(0o700);
    for (const f of ["field.key", "log.key"]) expect(statSync(path.join(keys, f)).mode & 0o777).toBe(0o600);
    // Any working directory finds them again; XDG_DATA_HOME moves the data home.
    const elsewhere = runBin(["log", "verify", "--db", location], {
      cwd: temp("tocsin-cwd-"),
      env: userEnv(home),
    });
    expect(elsewhere.code, elsewhere.stderr).toBe(0);
    const xdg = temp("tocsin-xdg-");
    const moved = runBin(["log", "init", "--db", location], {
      cwd: temp("tocsin-cwd-"),
      env: { ...userEnv(home), XDG_DATA_HOME: xdg },
    });
    expect(moved.code, moved.stderr).toBe(0);
    expect(readdirSync(path.join(xdg, "tocsin", "keys", serverStoreId(location)))).toEqual(["log.key"]);
  });

  it("are not created anew beside the keys an earlier version left in ./tocsin.keys", async () => {
    const location = await (target as NonNullable<typeof target>).fresh();
    const cwd = temp("tocsin-cwd-");
    mkdirSync(path.join(cwd, "tocsin.keys"), { mode: 0o700 });
    writeFileSync(path.join(cwd, "tocsin.keys", "field.key"), `${Buffer.alloc(32, 3).toString("base64")}\n`, {
      mode: 0o600,
    });
    const home = temp("tocsin-home-");
    const r = runBin(["case", "load", rwanda, "--db", location], { cwd, env: userEnv(home) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("earlier versions kept for a PostgreSQL store");
    expect(readdirSync(home)).toEqual([]);
    // Named explicitly, the old folder is used as it is.
    const named = runBin(["case", "load", rwanda, "--db", location, "--keys", "tocsin.keys"], {
      cwd,
      env: userEnv(home),
    });
    expect(named.code, named.stderr).toBe(0);
    expect(readdirSync(path.join(cwd, "tocsin.keys")).sort()).toEqual(["field.key", "log.key"]);
  });
});
