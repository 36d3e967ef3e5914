/**
 * A real SQLite store as the CLI opens it (identities encrypted with a generated field key, every write in the
 * log, a signed checkpoint), loaded with the built-in case with canaries planted in the confidential source,
 * one account per role with a live session, and the HTTP app over it in either instance mode.
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAnalysisInputs } from "../../src/cli/serve.command.js";
import type { CaseBundle } from "../../src/domain/index.js";
import { createApp } from "../../src/http/app.js";
import type { InstanceMode } from "../../src/http/http-security.js";
import type { AnalysisInputs } from "../../src/http/case-analysis.js";
import { hashPassword } from "../../src/security/password-hash.js";
import { loadCase, openStore, type Store } from "../../src/storage/index.js";
import {
  addUser,
  approveReveal,
  checkpointLog,
  createSession,
  encryptingCodec,
  installFieldKey,
  installLogKey,
  requestReveal,
} from "../../src/storage/trust/index.js";
import type { Principal } from "../../src/security/principal.js";
import type { NoteSigner } from "../../src/integrity/signed-note.js";

export const ROLES_UNDER_TEST = ["anonymous", "viewer", "analyst", "source-handler", "admin"] as const;
export type RoleUnderTest = (typeof ROLES_UNDER_TEST)[number];

export const NOW = new Date("2031-05-01T10:00:00.000Z");
export const PASSWORD = "correct horse battery staple 42";

export interface TrustFixture {
  readonly dir: string;
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
  app(mode: InstanceMode): ReturnType<typeof createApp>;
  close(): Promise<void>;
}

/** Build the fixture around `bundle`. */
export async function trustFixture(bundle: CaseBundle): Promise<TrustFixture> {
  const dir = await mkdtemp(join(tmpdir(), "tocsin-trust-"));
  const dbPath = join(dir, "t.db");
  const fieldKey = installFieldKey(dbPath);
  const signer = installLogKey(dbPath);
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
    dir,
    dbPath,
    store,
    fieldKey,
    signer,
    analysis,
    cookie: cookie as Record<RoleUnderTest, string | undefined>,
    principal: principal as Record<Exclude<RoleUnderTest, "anonymous">, Principal>,
    secondHandler: second.p,
    app: (mode) =>
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
      }),
    close: async () => {
      await store.close();
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
