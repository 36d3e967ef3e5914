import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DownloadError, downloadToFile } from "./download-file.js";

const dir = mkdtempSync(join(tmpdir(), "tocsin-download-"));
let server: Server;
let base = "";
const body = "a,b\n1,2\n";

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/ok") res.end(body);
    else if (req.url === "/big") res.end("x".repeat(5000));
    // Never answers: the download's time limit must end it.
    else if (req.url === "/silent") return;
    else res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const failure = async (p: Promise<unknown>): Promise<DownloadError> => {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DownloadError);
  return e as DownloadError;
};

describe("downloadToFile", () => {
  it("writes the body and returns its SHA-256 and size", async () => {
    const dest = join(dir, "ok.part");
    const r = await downloadToFile(`${base}/ok`, dest);
    expect(readFileSync(dest, "utf8")).toBe(body);
    expect(r).toEqual({ sha256: createHash("sha256").update(body).digest("hex"), bytes: 8 });
  });

  it("a host that never answers is OFFLINE (timed out), and leaves no file", async () => {
    const e = await failure(downloadToFile(`${base}/silent`, join(dir, "silent.part"), { timeoutMs: 300 }));
    expect(e.code).toBe("OFFLINE");
    expect(e.message).toBe(`offline: cannot reach ${base.slice(7)} (timed out)`);
    expect(readdirSync(dir)).not.toContain("silent.part");
  });

  it("a body over the limit is refused and removed", async () => {
    const e = await failure(downloadToFile(`${base}/big`, join(dir, "big.part"), { maxBytes: 1000 }));
    expect(e.code).toBe("TOO_LARGE");
    expect(readdirSync(dir)).not.toContain("big.part");
  });

  it("a server error names the status", async () => {
    const e = await failure(downloadToFile(`${base}/boom`, join(dir, "boom.part")));
    expect(e.code).toBe("HTTP");
    expect(e.message).toBe(`${base.slice(7)} answered 500 Internal Server Error for ${base}/boom`);
  });

  it("a URL that is not http(s) is BAD_URL", async () => {
    expect((await failure(downloadToFile("file:///etc/passwd", join(dir, "f")))).code).toBe("BAD_URL");
    expect((await failure(downloadToFile("not a url", join(dir, "f")))).code).toBe("BAD_URL");
  });
});
