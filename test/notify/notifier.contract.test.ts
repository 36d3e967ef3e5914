/**
 * One contract for every alert notifier, run against the file outbox (a real temp file) and the webhook (a real
 * node:http server on 127.0.0.1): no mocks.
 */
import { describe, it, expect, beforeEach, afterEach } from "vitest";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createHmac, timingSafeEqual } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import {
  fileOutboxNotifier,
  webhookNotifier,
  type AlertMessage,
  type AlertNotifier,
  type DeliveryEnvelope,
} from "../../src/notify/index.js";

const SECRET = "contract-test-secret-0123456789";

const message: AlertMessage = {
  alert: "alert-zza-group-b-2001-03-04-high",
  caseId: "synthetic-1",
  date: "2001-03-04",
  situation: { id: "ZZA/group-b", country: "ZZA", group: "group-b", groupName: "Group B" },
  level: "high",
  previousLevel: "elevated",
  score: 7.5,
  reasons: ["level rose from elevated to high"],
  recommendedActions: [{ kind: "public-naming", description: "Name it", dueAt: "2001-03-11" }],
  dutyBearers: [
    { id: "mission-1", name: "The Mission" },
    { id: "council", name: "The Council" },
  ],
  evidence: [
    {
      record: "inc-1",
      kind: "incident",
      knownAt: "2001-03-01",
      indicators: ["ind-1"],
      grade: "B2",
      citations: [{ source: "src-secret", title: "Protected source", locator: "para 2", protected: true }],
    },
  ],
};

/** A delivery as the far end saw it. */
interface Received {
  readonly envelope: DeliveryEnvelope;
}

/** What the contract needs from each implementation's test rig. */
interface Rig {
  readonly notifier: AlertNotifier;
  /** A notifier of the same kind whose far end always fails. */
  readonly broken: AlertNotifier;
  received(): Received[];
}

type Behaviour = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A real HTTP receiver on 127.0.0.1 and a random port; `behaviour` decides each answer. */
async function receiver(behaviour: { current: Behaviour }): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => behaviour.current(req, Buffer.concat(chunks).toString("utf8"), res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook` };
}

function validSignature(body: string, header: string | string[] | undefined): boolean {
  if (typeof header !== "string") return false;
  const expected = Buffer.from(`sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`);
  const got = Buffer.from(header);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

const rigs: Record<string, { setup(): Promise<Rig>; teardown(): Promise<void> }> = (() => {
  let dir = "";
  const servers: Server[] = [];
  return {
    outbox: {
      async setup() {
        dir = mkdtempSync(path.join(os.tmpdir(), "tocsin-outbox-"));
        const file = path.join(dir, "outbox.jsonl");
        // A directory where the file should be: every append fails.
        const blocked = path.join(dir, "blocked.jsonl");
        mkdirSync(blocked);
        return {
          notifier: fileOutboxNotifier(file),
          broken: fileOutboxNotifier(blocked),
          received: () =>
            existsSync(file)
              ? readFileSync(file, "utf8")
                  .split("\n")
                  .filter((l) => l !== "")
                  .map((l) => ({ envelope: JSON.parse(l) as DeliveryEnvelope }))
              : [],
        };
      },
      async teardown() {
        rmSync(dir, { recursive: true, force: true });
      },
    },
    webhook: {
      async setup() {
        const seen: Received[] = [];
        const ok = {
          current: ((req, body, res) => {
            if (!validSignature(body, req.headers["x-tocsin-signature"])) {
              res.writeHead(401).end();
              return;
            }
            const envelope = JSON.parse(body) as DeliveryEnvelope;
            expect(req.headers["idempotency-key"]).toBe(envelope.idempotencyKey);
            // The receiver drops a key it has seen (what the Idempotency-Key header is for).
            if (!seen.some((s) => s.envelope.idempotencyKey === envelope.idempotencyKey))
              seen.push({ envelope });
            res.writeHead(204).end();
          }) as Behaviour,
        };
        const failing = { current: ((_req, _body, res) => res.writeHead(503).end()) as Behaviour };
        const a = await receiver(ok);
        const b = await receiver(failing);
        servers.push(a.server, b.server);
        return {
          notifier: webhookNotifier({ url: a.url, secret: SECRET, backoffMs: 5, timeoutMs: 2000 }),
          broken: webhookNotifier({
            url: b.url,
            secret: SECRET,
            backoffMs: 5,
            maxAttempts: 3,
            timeoutMs: 2000,
          }),
          received: () => seen,
        };
      },
      async teardown() {
        await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
      },
    },
  };
})();

for (const [name, rig] of Object.entries(rigs)) {
  describe(`AlertNotifier contract: ${name}`, () => {
    let r: Rig;
    beforeEach(async () => {
      r = await rig.setup();
    });
    afterEach(async () => {
      await rig.teardown();
    });

    it("delivers one envelope per duty-bearer, carrying the whole message", async () => {
      const result = await r.notifier.deliver(message);
      expect(result.notifier).toBe(r.notifier.name);
      expect(result.alert).toBe(message.alert);
      expect(result.ok).toBe(true);
      expect(result.deliveries.map((d) => [d.recipient, d.status, d.attempts])).toEqual([
        ["mission-1", "delivered", 1],
        ["council", "delivered", 1],
      ]);
      const got = r.received();
      expect(got.map((g) => g.envelope.recipient)).toEqual(message.dutyBearers);
      expect(got.map((g) => g.envelope.idempotencyKey)).toEqual(result.deliveries.map((d) => d.key));
      for (const g of got) expect(g.envelope.message).toEqual(message);
    });

    it("delivering the same message again adds nothing at the far end (same idempotency keys)", async () => {
      const first = await r.notifier.deliver(message);
      const second = await r.notifier.deliver(message);
      expect(second.ok).toBe(true);
      expect(second.deliveries.map((d) => d.key)).toEqual(first.deliveries.map((d) => d.key));
      expect(r.received()).toHaveLength(2);
    });

    it("a changed message to the same duty-bearers gets new keys", async () => {
      const first = await r.notifier.deliver(message);
      const changed = await r.notifier.deliver({ ...message, score: 8 });
      expect(changed.deliveries.every((d) => d.status === "delivered")).toBe(true);
      const firstKeys = new Set(first.deliveries.map((d) => d.key));
      expect(changed.deliveries.some((d) => firstKeys.has(d.key))).toBe(false);
      expect(r.received()).toHaveLength(4);
    });

    it("a message with no duty-bearer is delivered to nobody and is not a failure", async () => {
      const result = await r.notifier.deliver({ ...message, dutyBearers: [] });
      expect(result).toEqual({ notifier: r.notifier.name, alert: message.alert, ok: true, deliveries: [] });
      expect(r.received()).toEqual([]);
    });

    it("a far end that fails is reported, not thrown, with bounded attempts", async () => {
      const result = await r.broken.deliver(message);
      expect(result.ok).toBe(false);
      expect(result.deliveries).toHaveLength(2);
      for (const d of result.deliveries) {
        expect(d.status).toBe("failed");
        expect(d.attempts).toBeGreaterThanOrEqual(1);
        expect(d.attempts).toBeLessThanOrEqual(3);
        expect(d.error).toBeTruthy();
      }
    });
  });
}
