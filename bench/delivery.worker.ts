// Child process of the delivery benchmark: one real desk worker (`runWorker`, the loop of `tocsin worker`) on the
// PostgreSQL store at argv[2], delivering webhooks. It opens the store, prints "ready", waits for "go" on stdin
// (so the parent can fill the outbox first and time the drain), works until "stop" (or stdin closes), then exits.
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { deskKeyFrom, runWorker, systemClock, webhookChannel } from "../src/desk/index.js";
import { openStore } from "../src/storage/index.js";
import { encryptingCodec } from "../src/storage/keys/index.js";

const [location, fieldKeyHex, pollMs] = process.argv.slice(2);
if (!location || !fieldKeyHex || !pollMs)
  throw new Error("usage: delivery.worker.ts <store URL> <field key hex> <poll ms>");
const fieldKey = Buffer.from(fieldKeyHex, "hex");
const store = await openStore(location, { identityCodec: encryptingCodec(fieldKey) });
const stop = new AbortController();
const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => {
  lines.on("line", (l) => {
    if (l === "go") resolve();
    if (l === "stop") stop.abort();
  });
  lines.on("close", () => {
    stop.abort();
    resolve();
  });
});
process.stdout.write("ready\n");
await go;
const owner = `bench-${process.pid}-${randomBytes(4).toString("hex")}`;
const base = { store, clock: systemClock, deskKey: deskKeyFrom(fieldKey) };
await runWorker({
  dispatcher: {
    ...base,
    baseUrl: "http://localhost:8787",
    channels: { webhook: webhookChannel({ secret: "bench-secret-0123456789", timeoutMs: 5000 }) },
    owner,
  },
  watcher: { ...base, actor: "desk-watcher" },
  pollMs: Number(pollMs),
  watchEveryMs: 3_600_000,
  signal: stop.signal,
  log: () => undefined,
});
await store.close();
lines.close();
