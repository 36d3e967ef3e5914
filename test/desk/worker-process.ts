// One desk worker process for the fault test: the real worker loop (dispatcher + watcher) on the store at argv[2],
// delivering webhooks; it runs until killed. Leases are short so a killed worker's claims come back quickly.
import { randomBytes } from "node:crypto";
import { runWorker, systemClock, webhookChannel } from "../../src/desk/index.js";
import { DESK_KEY } from "./desk-fixture.js";
import { openTestStore } from "../storage/store-targets.js";

const location = process.argv[2]!;
const store = await openTestStore(location);
const owner = `w-${process.pid}-${randomBytes(4).toString("hex")}`;
const base = { store, clock: systemClock, deskKey: DESK_KEY };
await runWorker({
  dispatcher: {
    ...base,
    baseUrl: "http://localhost:8787",
    channels: { webhook: webhookChannel({ secret: "0123456789abcdef0123", timeoutMs: 5000 }) },
    owner,
    leaseMs: 1500,
    batch: 5,
    backoff: { baseMs: 100, capMs: 1000 },
  },
  watcher: { ...base, actor: "desk-watcher" },
  pollMs: 50,
  watchEveryMs: 3_600_000,
  signal: new AbortController().signal,
  log: (line) => process.stderr.write(`[${owner}] ${line}\n`),
});
