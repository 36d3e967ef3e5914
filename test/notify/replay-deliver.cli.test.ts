/**
 * `tocsin replay --db --outbox --webhook` through the real binary (bin/tocsin.js over dist/, built with
 * `npx tsc -p tsconfig.build.json`): alerts stored once, outbox lines never duplicated, webhook deliveries
 * signed, `log verify` still passing, and the confidential source's identity in none of it.
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import Database from "better-sqlite3";
import { repoRoot, runBin, type BinResult } from "../cli/run-bin.js";

const CASE = "rwanda-1990-1994";
const SECRET = "cli-test-webhook-secret-0123456789";
const tmp = mkdtempSync(path.join(os.tmpdir(), "tocsin-notify-cli-"));
const db = path.join(tmp, "replay.db");
const outbox = path.join(tmp, "outbox.jsonl");
const replayArgs = ["replay", "--case", CASE, "--step", "month"];

/** Every string that identifies a confidential source of the case, read from the case file itself. */
function protectedStrings(): string[] {
  const sources = JSON.parse(readFileSync(path.join(repoRoot, "cases", CASE, "sources.json"), "utf8")) as {
    confidential?: boolean;
    protectedIdentity?: Record<string, string>;
  }[];
  const out = sources
    .filter((s) => s.confidential)
    .flatMap((s) => Object.values(s.protectedIdentity ?? {}))
    .filter((x) => x.length > 0);
  return out;
}

/** The binary, asynchronously (an in-process HTTP receiver must keep answering while it runs). */
function runBinAsync(args: readonly string[], env: Record<string, string> = {}): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/tocsin.js`, ...args], {
      cwd: repoRoot,
      env: { ...process.env, TOCSIN_DB: "", TZ: "UTC", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const outboxLines = () =>
  readFileSync(outbox, "utf8")
    .split("\n")
    .filter((l) => l !== "");

function storedAlerts(): { run_id: string; n: number }[] {
  const conn = new Database(db, { readonly: true });
  try {
    return conn
      .prepare("select run_id, count(*) as n from alerts where case_id = ? group by run_id")
      .all(CASE) as { run_id: string; n: number }[];
  } finally {
    conn.close();
  }
}

let first: BinResult;
let second: BinResult;
let jsonPlain: BinResult;
let jsonWithDelivery: BinResult;
beforeAll(() => {
  first = runBin([...replayArgs, "--db", db, "--outbox", outbox]);
  second = runBin([...replayArgs, "--db", db, "--outbox", outbox]);
  jsonPlain = runBin([...replayArgs, "--json"]);
  jsonWithDelivery = runBin([...replayArgs, "--json", "--outbox", path.join(tmp, "other.jsonl")]);
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("tocsin replay --db --outbox", () => {
  it("stores the alerts once and delivers each duty-bearer's line once, however often it runs", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    const alerts = (first.stderr.match(/(\d+) alert\(s\), rulebook/) ?? [])[1];
    expect(Number(alerts)).toBeGreaterThan(0);
    const runs = storedAlerts();
    expect(runs).toHaveLength(1);
    expect(runs[0]?.n).toBe(Number(alerts));
    expect(first.stderr).toContain(`stored ${alerts} alert(s) as run ${runs[0]?.run_id}`);
    const lines = outboxLines();
    expect(lines.length).toBeGreaterThan(0);
    expect(first.stderr).toContain(
      `delivery via outbox: ${lines.length} delivered, 0 already delivered, 0 failed`,
    );
    expect(second.stderr).toContain(
      `delivery via outbox: 0 delivered, ${lines.length} already delivered, 0 failed`,
    );
    const keys = lines.map((l) => (JSON.parse(l) as { idempotencyKey: string }).idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("never writes the confidential source's identity to the outbox", () => {
    const secrets = protectedStrings();
    expect(secrets.length).toBeGreaterThan(0);
    const text = readFileSync(outbox, "utf8");
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).toContain('"title":"Protected source"');
  });

  it("leaves the tamper-evident log verifiable", () => {
    const v = runBin(["log", "verify", "--db", db]);
    expect(v.code, `${v.stdout}${v.stderr}`).toBe(0);
  });

  it("keeps --json exactly as without delivery (deliveries go to stderr)", () => {
    expect(jsonWithDelivery.code, jsonWithDelivery.stderr).toBe(0);
    expect(jsonWithDelivery.stdout).toBe(jsonPlain.stdout);
    expect(jsonWithDelivery.stderr).toMatch(/delivery via outbox: \d+ delivered/);
  });
});

describe("tocsin replay --webhook", () => {
  let server: Server;
  let url = "";
  const bodies: { body: string; signature: string }[] = [];
  let status = 204;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        bodies.push({ body, signature: String(req.headers["x-tocsin-signature"]) });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it("posts signed deliveries without the confidential source's identity", async () => {
    bodies.length = 0;
    status = 204;
    const r = await runBinAsync([...replayArgs, "--webhook", url], { TOCSIN_WEBHOOK_SECRET: SECRET });
    expect(r.code, r.stderr).toBe(0);
    expect(bodies.length).toBeGreaterThan(0);
    expect(r.stderr).toContain(
      `delivery via webhook: ${bodies.length} delivered, 0 already delivered, 0 failed`,
    );
    for (const b of bodies) {
      expect(b.signature).toBe(`sha256=${createHmac("sha256", SECRET).update(b.body).digest("hex")}`);
      for (const s of protectedStrings()) expect(b.body).not.toContain(s);
    }
  });

  it("exits 1 and lists the failures when the receiver refuses", async () => {
    status = 400;
    const r = await runBinAsync([...replayArgs, "--webhook", url], { TOCSIN_WEBHOOK_SECRET: SECRET });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/delivery via webhook: 0 delivered, 0 already delivered, [1-9]\d* failed/);
    expect(r.stderr).toMatch(/failed: webhook alert-\S+ → \S+ after 1 attempt\(s\): HTTP 400/);
  });

  it("refuses to run without the shared secret (exit 2)", async () => {
    const r = await runBinAsync([...replayArgs, "--webhook", url], { TOCSIN_WEBHOOK_SECRET: "" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("TOCSIN_WEBHOOK_SECRET");
  });
});
