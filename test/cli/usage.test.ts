// Usage through the real binary: an unknown command exits 2 with one line naming it, `--help` or not; with
// `--json`, every usage error still leaves exactly one JSON document on stdout.
import { describe, expect, it } from "vitest";
import { runBin } from "./run-bin.js";

/** The one JSON document on stdout (JSON.parse throws on two documents or trailing text). */
const doc = (stdout: string) =>
  JSON.parse(stdout) as { error: { code: string; message: string }; exitCode: number };

describe("tocsin binary: unknown commands", () => {
  it.each([
    [["frobnicate", "--help"], "unknown command 'frobnicate' (see tocsin --help)"],
    [["frobnicate", "-h"], "unknown command 'frobnicate' (see tocsin --help)"],
    [["frobnicate"], "unknown command 'frobnicate' (see tocsin --help)"],
    [["--help", "frobnicate"], "unknown command 'frobnicate' (see tocsin --help)"],
    [["help", "frobnicate"], "unknown command 'frobnicate' (see tocsin --help)"],
    [["serv"], "unknown command 'serv' (see tocsin --help)"],
    [["log", "wroker", "--help"], "unknown command 'log wroker' (see tocsin log --help)"],
    [["--keys", "/tmp/k", "frobnicate", "--help"], "unknown command 'frobnicate' (see tocsin --help)"],
  ])("tocsin %j exits 2 with one line naming it", (args, line) => {
    const r = runBin(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`tocsin: ${line}\n`);
  });

  it("known commands and their help still exit 0", () => {
    for (const args of [["--help"], ["import", "--help"], ["log", "verify", "--help"], ["help", "log"]]) {
      const r = runBin(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout, args.join(" ")).toContain("Usage: tocsin");
    }
    // Every command lists --keys, which all of them take.
    expect(runBin(["import", "--help"]).stdout).toContain("--keys <dir>");
  });
});

describe("tocsin binary: usage errors under --json", () => {
  it.each([
    [["import", "--json"], "missing required argument 'format'"],
    [["import", "acled", "--json"], "missing required argument 'file'"],
    [["timeline", "--case", "rwanda-1990-1994", "--bogus", "--json"], "unknown option '--bogus'"],
    [["forecast", "--json"], "--base-year YEAR is required"],
    [["frobnicate", "--json"], "unknown command 'frobnicate' (see tocsin --help)"],
  ])("tocsin %j prints one error document on stdout (exit 2)", (args, message) => {
    const r = runBin(args);
    expect(r.code).toBe(2);
    expect(doc(r.stdout)).toEqual({ error: { code: "USAGE", message }, exitCode: 2 });
    expect(r.stderr).toContain(message);
  });

  it("a command's own failure under --json is one document too, never two", () => {
    const missingCase = runBin(["timeline", "--case", "no-such-case", "--json"]);
    expect(missingCase.code).toBe(2);
    expect(doc(missingCase.stdout).error.message).toContain("no-such-case");
    // The import prints its own error document; the runner adds none.
    const missingFile = runBin(["import", "acled", "/nonexistent/x.csv", "--json"]);
    expect(missingFile.code).toBe(2);
    expect(doc(missingFile.stdout).error.code).toBe("IMPORT_UNREADABLE");
    // Without --json, stdout stays empty.
    expect(runBin(["import"]).stdout).toBe("");
  });
});
