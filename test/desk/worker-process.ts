// One desk worker process for the fault tests: the real worker loop (dispatcher + watcher) on the store at argv[2],
// delivering webhooks, or e-mail to the SMTP server on 127.0.0.1 at the port of argv[3] = "email:<port>"; it runs
// until killed. Leases are short so a killed worker's claims come back quickly. The e-mail worker's retry budget
// (20 attempts, backoff 200 ms doubling to 2 s, jitter ½: at least ~17 s) outlasts the SMTP test's refusal window.
import { randomBytes } from "node:crypto";
import {
  emailChannel,
  runWorker,
  systemClock,
  webhookChannel,
  type DispatcherDeps,
} from "../../src/desk/index.js";
import { DESK_KEY } from "./desk-fixture.js";
import { openTestStore } from "../storage/store-targets.js";

const location = process.argv[2]!;
const mode = process.argv[3] ?? "webhook";
const store = await openTestStore(location);
const owner = `w-${process.pid}-${randomBytes(4).toString("hex")}`;
const base = { store, clock: systemClock, deskKey: DESK_KEY };
const smtpPort = /^email:(\d+)$/.exec(mode)?.[1];
const delivery: Pick<DispatcherDeps, "channels" | "backoff" | "maxAttempts"> = smtpPort
  ? {
      channels: {
        email: emailChannel({
          host: "127.0.0.1",
          port: Number(smtpPort),
          from: "desk@tocsin.example",
          timeoutMs: 5000,
        }),
      },
      backoff: { baseMs: 200, capMs: 2000 },
      maxAttempts: 20,
    }
  : {
      channels: { webhook: webhookChannel({ secret: "0123456789abcdef0123", timeoutMs: 5000 }) },
      backoff: { baseMs: 100, capMs: 1000 },
    };
await runWorker({
  dispatcher: {
    ...base,
    ...delivery,
    baseUrl: "http://localhost:8787",
    owner,
    leaseMs: 1500,
    batch: 5,
  },
  watcher: { ...base, actor: "desk-watcher" },
  pollMs: 50,
  watchEveryMs: 3_600_000,
  signal: new AbortController().signal,
  log: (line) => process.stderr.write(`[${owner}] ${line}\n`),
});
