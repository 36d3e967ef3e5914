import { describe, it, expect, afterEach } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signBody, webhookNotifier, WebhookConfigError } from "./webhook.notifier.js";
import type { AlertMessage } from "./alert-message.js";

const SECRET = "unit-test-secret-abcdefghijkl";
const message: AlertMessage = {
  alert: "alert-zza-2001-01-01-elevated",
  caseId: "c",
  date: "2001-01-01",
  situation: { id: "ZZA/*", country: "ZZA" },
  level: "elevated",
  previousLevel: "none",
  score: 2,
  reasons: [],
  recommendedActions: [],
  dutyBearers: [{ id: "m", name: "M" }],
  evidence: [],
};

let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise((r) => server?.close(r));
  server = undefined;
});

async function serve(
  handle: (req: IncomingMessage, body: string, res: ServerResponse) => void,
): Promise<string> {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => handle(req, body, res));
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?token=SECRET-IN-URL`;
}

describe("webhookNotifier", () => {
  it("signs the exact body with HMAC-SHA256 of the shared secret", async () => {
    let seen: { sig?: string; body: string } = { body: "" };
    const url = await serve((req, body, res) => {
      seen = { sig: req.headers["x-tocsin-signature"] as string, body };
      res.writeHead(200).end("ok");
    });
    const r = await webhookNotifier({ url, secret: SECRET }).deliver(message);
    expect(r.ok).toBe(true);
    expect(seen.sig).toBe(signBody(seen.body, SECRET));
    // RFC 4231 test case 2.
    expect(signBody("what do ya want for nothing?", "Jefe")).toBe(
      "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("retries a 5xx with backoff and succeeds on the third attempt", async () => {
    let calls = 0;
    const url = await serve((_req, _body, res) => {
      calls += 1;
      res.writeHead(calls < 3 ? 500 : 204).end();
    });
    const r = await webhookNotifier({ url, secret: SECRET, backoffMs: 5 }).deliver(message);
    expect(r.deliveries).toEqual([expect.objectContaining({ status: "delivered", attempts: 3 })]);
    expect(calls).toBe(3);
  });

  it("does not retry a refusal (4xx other than 408/429)", async () => {
    let calls = 0;
    const url = await serve((_req, _body, res) => {
      calls += 1;
      res.writeHead(401).end();
    });
    const r = await webhookNotifier({ url, secret: SECRET, backoffMs: 5 }).deliver(message);
    expect(r.deliveries).toEqual([
      expect.objectContaining({ status: "failed", attempts: 1, error: "HTTP 401" }),
    ]);
    expect(calls).toBe(1);
  });

  it("gives up after maxAttempts on a receiver that hangs, without naming the address", async () => {
    let calls = 0;
    const url = await serve(() => {
      calls += 1; // never answers
    });
    const r = await webhookNotifier({
      url,
      secret: SECRET,
      timeoutMs: 100,
      maxAttempts: 2,
      backoffMs: 5,
    }).deliver(message);
    expect(r.ok).toBe(false);
    expect(r.deliveries).toEqual([
      expect.objectContaining({ status: "failed", attempts: 2, error: "timed out after 100 ms" }),
    ]);
    expect(calls).toBe(2);
    expect(JSON.stringify(r)).not.toContain("SECRET-IN-URL");
  });

  it("reports a refused connection as a failure", async () => {
    const url = await serve((_req, _body, res) => res.end());
    await new Promise((r) => server?.close(r));
    server = undefined;
    const r = await webhookNotifier({ url, secret: SECRET, maxAttempts: 2, backoffMs: 1 }).deliver(message);
    expect(r.deliveries[0]?.status).toBe("failed");
    expect(r.deliveries[0]?.error).toMatch(/^network error: /);
    expect(JSON.stringify(r)).not.toContain("SECRET-IN-URL");
  });

  it("rejects a bad address or a short secret at construction", () => {
    expect(() => webhookNotifier({ url: "not a url", secret: SECRET })).toThrow(WebhookConfigError);
    expect(() => webhookNotifier({ url: "ftp://x/", secret: SECRET })).toThrow(WebhookConfigError);
    expect(() => webhookNotifier({ url: "http://127.0.0.1/", secret: "short" })).toThrow(/at least 16/);
    expect(() => webhookNotifier({ url: "http://127.0.0.1/", secret: "" })).toThrow(WebhookConfigError);
  });
});
