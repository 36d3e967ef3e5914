/**
 * A real store as the CLI opens it (identities encrypted with a generated field key, every write in the log, a
 * signed checkpoint) — a SQLite file, or a fresh schema of the PostgreSQL at TOCSIN_TEST_PG — loaded with the
 * built-in case with canaries planted in the confidential source, one account per role with a live session,
 * and the HTTP app over it in either instance mode. `TRUST_DIALECTS` lists the stores a security suite runs on.
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAnalysisInputs } from "../../src/cli/serve.command.js";
import type { CaseBundle } from "../../src/domain/index.js";
import { deskKeyFrom } from "../../src/desk/index.js";
import { createApp } from "../../src/http/app.js";
import type { HttpDeps } from "../../src/http/deps.js";
import type { InstanceMode } from "../../src/http/http-security.js";
import type { AnalysisInputs } from "../../src/http/case-analysis.js";
import { hashPassword } from "../../src/security/password-hash.js";
import { loadCase, openStore, type Store } from "../../src/storage/index.js";
import { addUser, createSession } from "../../src/storage/accounts/index.js";
import { approveReveal, requestReveal } from "../../src/storage/confidential/index.js";
import { encryptingCodec, installFieldKey, installLogKey } from "../../src/storage/keys/index.js";
import { checkpointLog } from "../../src/storage/log/index.js";
import type { Principal } from "../../src/security/principal.js";
import type { NoteSigner } from "../../src/integrity/signed-note.js";
import { postgresTarget, type StoreTarget } from "../storage/store-targets.js";

/** The PostgreSQL server of the PG halves (each fixture gets its own schema), or undefined. */
export const TEST_PG = process.env.TOCSIN_TEST_PG || undefined;

export type TrustDialect = "sqlite" | "postgres";

/** The stores every security suite runs on; PostgreSQL is skipped (with a notice) without TOCSIN_TEST_PG. */
export const TRUST_DIALECTS: readonly { readonly dialect: TrustDialect; readonly skip: boolean }[] = [
  { dialect: "sqlite", skip: false },
  { dialect: "postgres", skip: TEST_PG === undefined },
];

/** Print the visible notice that a suite's PostgreSQL half is skipped (once per suite). */
export function noticePgSkipped(suite: string): void {
  if (!TEST_PG)
    console.warn(`[security/${suite}] TOCSIN_TEST_PG is unset: the PostgreSQL half of this suite is SKIPPED`);
}

/** A fresh, empty PostgreSQL schema (as a store URL) and how to drop it. */
export async function freshPgSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!TEST_PG) throw new Error("freshPgSchema: TOCSIN_TEST_PG is unset");
  const target: StoreTarget = postgresTarget(TEST_PG);
  return { url: await target.fresh(), drop: () => target.cleanup() };
}

export const ROLES_UNDER_TEST = ["anonymous", "viewer", "analyst", "source-handler", "admin"] as const;
export type RoleUnderTest = (typeof ROLES_UNDER_TEST)[number];

export const NOW = new Date("2031-05-01T10:00:00.000Z");
export const PASSWORD = "correct horse battery staple 42";

export interface TrustFixture {
  readonly dialect: TrustDialect;
  readonly dir: string;
  /** The store: a SQLite file path, or a PostgreSQL URL naming this fixture's schema. */
  readonly dbPath: string;
  readonly store: Store;
  readonly fieldKey: Buffer;
  readonly signer: NoteSigner;
  readonly analysis: AnalysisInputs;
  /** Session cookie header per role (anonymous: none). */
  readonly cookie: Readonly<Record<RoleUnderTest, string | undefined>>;
  readonly principal: Readonly<Record<Exclude<RoleUnderTest, "anonymous">, Principal>>;
  /** A second source-handler, to approve reveals. */
  readonly secondHandler: Principal;
  /** The app in a mode; `extra` adds or replaces dependencies (a live assessor, a desk). */
  app(mode: InstanceMode, extra?: Partial<HttpDeps>): ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** Build the fixture around `bundle`, on a SQLite file (default) or a fresh PostgreSQL schema. */
export async function trustFixture(
  bundle: CaseBundle,
  dialect: TrustDialect = "sqlite",
): Promise<TrustFixture> {
  const dir = await mkdtemp(join(tmpdir(), "tocsin-trust-"));
  // The keys live in `<dir>/t.db.keys/` for either store (never in the working directory).
  const keyBase = join(dir, "t.db");
  const pg = dialect === "postgres" ? await freshPgSchema() : undefined;
  const dbPath = pg?.url ?? keyBase;
  const fieldKey = installFieldKey(keyBase);
  const signer = installLogKey(keyBase);
  const store = await openStore(dbPath, { identityCodec: encryptingCodec(fieldKey) });
  await loadCase(store, bundle, { loadedAt: "2031-01-01T00:00:00.000Z", actor: "test" });
  const passwordHash = await hashPassword(PASSWORD);
  const at = NOW.toISOString();
  const cookie: Record<string, string | undefined> = { anonymous: undefined };
  const principal: Record<string, Principal> = {};
  const make = async (username: string, role: string) => {
    const u = await addUser(store.db, { username, passwordHash, role, actor: "test", at });
    const secondFactor = role === "admin" || role === "source-handler";
    const token = await createSession(store.db, u.id, secondFactor, NOW);
    return { token, p: { userId: u.id, username, role, secondFactor, via: "session" } as Principal };
  };
  for (const role of ROLES_UNDER_TEST) {
    if (role === "anonymous") continue;
    const { token, p } = await make(`u-${role}`, role);
    cookie[role] = `__Host-tocsin_session=${token}`;
    principal[role] = p;
  }
  const second = await make("u-second-handler", "source-handler");
  await checkpointLog(store.db, signer, signer.name, NOW);
  const analysis = await loadAnalysisInputs(join(import.meta.dirname, "..", ".."), {
    out: () => undefined,
    err: () => undefined,
    isTTY: false,
  });
  return {
    dialect,
    dir,
    dbPath,
    store,
    fieldKey,
    signer,
    analysis,
    cookie: cookie as Record<RoleUnderTest, string | undefined>,
    principal: principal as Record<Exclude<RoleUnderTest, "anonymous">, Principal>,
    secondHandler: second.p,
    app: (mode, extra) =>
      createApp({
        store,
        version: "test",
        analysis,
        webRoot: join(import.meta.dirname, "..", "..", "web", "dist"),
        security: {
          mode,
          fieldKey,
          verifier: { name: signer.name, publicKey: signer.publicKey },
          signer,
          clock: () => NOW,
        },
        desk: { clock: () => NOW, deskKey: deskKeyFrom(fieldKey) },
        ...extra,
      }),
    close: async () => {
      await store.close();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A reveal request by `requester` for the source, approved by `approver` when given. */
export async function revealRequest(
  f: TrustFixture,
  requester: Principal,
  caseId: string,
  sourceId: string,
  approver?: Principal,
): Promise<string> {
  const id = await requestReveal(f.store.db, requester, caseId, sourceId, "court disclosure order 12", NOW);
  if (approver) await approveReveal(f.store.db, approver, id, NOW);
  return id;
}
