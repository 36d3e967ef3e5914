// `tocsin data fetch ewp` against a local HTTP server on loopback serving a synthetic EWP-layout file the project
// writes itself (never the internet): the file, its SHA-256 and its provenance are written only when it is valid;
// offline, refused or invalid downloads exit 2 with nothing written.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceSchema } from "../../src/contracts/index.js";
import { readEwpCsv } from "../../src/datasets/ewp/ewp.reader.js";
import { runInProcess } from "../cli/run-in-process.js";
import { syntheticEwpCsv } from "../forecast/synthetic-ewp.js";

const fixture = syntheticEwpCsv({ countries: 12, from: 1985, to: 2015, seed: 11 });
const fixtureSha = createHash("sha256").update(fixture).digest("hex");
const noOutcome = fixture.replace(",mk_onset_2", ",mk_onset_two");

const dir = mkdtempSync(join(tmpdir(), "tocsin-data-fetch-"));
let server: Server;
let base = "";
let closedPort = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/3.Modeling/prepared-fixture.csv")
      res.writeHead(200, { "content-type": "text/csv" }).end(fixture);
    else if (req.url === "/bad/prepared-fixture.csv") res.writeHead(200).end(noOutcome);
    else res.writeHead(404, "Not Found").end("no such file");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port nothing listens on: open one, note it, close it.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const fetchEwp = (out: string, url: string, ...more: string[]) =>
  runInProcess(["data", "fetch", "ewp", "--out", out, "--url", url, ...more]);

describe("tocsin data fetch ewp", () => {
  it("writes the file, prints and stores its SHA-256, and records where and when it came from", async () => {
    const out = join(dir, "ok");
    const url = `${base}/3.Modeling/prepared-fixture.csv`;
    const before = Date.now();
    const r = await fetchEwp(out, url);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const path = join(out, "prepared-fixture.csv");
    expect(readFileSync(path, "utf8")).toBe(fixture);
    expect(r.stdout).toContain(`Fetched ${path}`);
    expect(r.stdout).toContain(`SHA-256  ${fixtureSha}`);
    expect(r.stdout).toContain("372 country-years, 1985–2015");
    expect(readFileSync(`${path}.sha256`, "utf8")).toBe(`${fixtureSha}  prepared-fixture.csv\n`);

    const sidecar = JSON.parse(readFileSync(`${path}.source.json`, "utf8")) as Record<string, unknown> & {
      source: Record<string, unknown>;
    };
    expect(sidecar).toMatchObject({
      dataset: "ewp",
      url,
      fileName: "prepared-fixture.csv",
      sha256: fixtureSha,
      bytes: Buffer.byteLength(fixture),
      rows: 372,
      years: { from: 1985, to: 2015 },
    });
    const fetchedAt = Date.parse(sidecar.fetchedAt as string);
    expect(fetchedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(fetchedAt).toBeLessThanOrEqual(Date.now());
    // The provenance is a dataset Source record a case can cite: it passes the case-file schema.
    const source = SourceSchema.parse(sidecar.source);
    expect(source).toMatchObject({
      id: `ewp-${fixtureSha.slice(0, 12)}`,
      kind: "dataset",
      url,
      confidential: false,
      knownAt: (sidecar.fetchedAt as string).slice(0, 10),
      occurredAt: { from: "1985-01-01", to: "2015-12-31" },
    });
    expect(source.citations[0]!.locator).toContain(fixtureSha);
    // The file written is one `tocsin forecast` reads, with the same hash.
    const read = await readEwpCsv(path);
    expect(read.ok && read.sha256).toBe(fixtureSha);
    expect(readdirSync(out).sort()).toEqual([
      "prepared-fixture.csv",
      "prepared-fixture.csv.sha256",
      "prepared-fixture.csv.source.json",
    ]);
  });

  it("--json prints one document with the paths, hash and source", async () => {
    const out = join(dir, "json");
    const r = await fetchEwp(out, `${base}/3.Modeling/prepared-fixture.csv`, "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown> & { source: { id: string } };
    expect(doc.path).toBe(join(out, "prepared-fixture.csv"));
    expect(doc.sha256).toBe(fixtureSha);
    expect(doc.source.id).toBe(`ewp-${fixtureSha.slice(0, 12)}`);
  });

  it("offline (nothing answers): one line, exit 2, nothing written", async () => {
    const out = join(dir, "offline");
    const r = await fetchEwp(out, `http://127.0.0.1:${closedPort}/prepared.csv`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `tocsin: offline: cannot reach 127.0.0.1:${closedPort} (ECONNREFUSED); nothing written\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("offline under --json: one error document with code OFFLINE", async () => {
    const r = await fetchEwp(join(dir, "offline-json"), `http://127.0.0.1:${closedPort}/x.csv`, "--json");
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { error: { code: string }; exitCode: number };
    expect(doc).toMatchObject({ error: { code: "OFFLINE" }, exitCode: 2 });
  });

  it("a server that refuses (404): one line naming the status, exit 2, nothing written", async () => {
    const out = join(dir, "missing");
    const r = await fetchEwp(out, `${base}/nowhere/prepared.csv`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `tocsin: ${base.slice(7)} answered 404 Not Found for ${base}/nowhere/prepared.csv; nothing written\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it("a file that fails the forecast's column check: every problem named, exit 2, nothing written", async () => {
    const out = join(dir, "bad");
    const r = await fetchEwp(out, `${base}/bad/prepared-fixture.csv`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is not a valid EWP country-year file; nothing written");
    expect(r.stderr).toContain("line 1, column mk_onset_2: missing column mk_onset_2");
    expect(r.stderr).toContain("line 1, column mk_onset_two: unexpected column mk_onset_two");
    expect(existsSync(out)).toBe(false);
  });

  it("into a folder that exists, a failure leaves the folder as it was", async () => {
    const out = join(dir, "ok");
    const before = readdirSync(out).sort();
    const r = await fetchEwp(out, `${base}/bad/prepared-fixture.csv`);
    expect(r.code).toBe(2);
    expect(readdirSync(out).sort()).toEqual(before);
  });

  it("a URL that is not http(s) is a usage error", async () => {
    const r = await fetchEwp(join(dir, "ftp"), "ftp://example.org/x.csv");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('tocsin: "ftp://example.org/x.csv" is not an http(s) URL; nothing written\n');
  });
});
