/**
 * The dashboard's server with accounts for browser tests: a temp SQLite store with the Rwanda case (protected
 * identities encrypted with a generated field key, every write in the log), one user per role — the admin and
 * two source-handlers with TOTP enrolled — the dashboard built into a temp folder, and the real server on a free
 * port with the real clock (TOTP codes are computed for now).
 * @module
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAnalysisInputs, startServer, type RunningServer } from "../../src/cli/serve.command.js";
import { newTotpSecret, totp } from "../../src/security/totp.js";
import { hashPassword } from "../../src/security/password-hash.js";
import { loadCase, openStore, type Store } from "../../src/storage/index.js";
import { addUser, encryptTotpSecret, setTotpSecret } from "../../src/storage/accounts/index.js";
import { encryptingCodec, installFieldKey, installLogKey } from "../../src/storage/keys/index.js";
import { rwandaBundle, withCanary } from "../http/http-fixture.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const PASSWORD = "a long browser test password";
export const CANARY = "CANARY-BROWSER-91c2";

/** User names by role; `sue` is the second source-handler who approves `sam`'s reveal requests. */
export const USERS = {
  admin: "ana",
  analyst: "eve",
  viewer: "vic",
  "source-handler": "sam",
  "second-handler": "sue",
} as const;

export interface SecureServer {
  readonly url: string;
  readonly store: Store;
  /** The current TOTP code of a user with one enrolled (ana, sam, sue), at least `afterStep` steps on. */
  code(username: string, unixSeconds?: number): string;
  close(): Promise<void>;
}

/** Build the dashboard into `outDir` (tests never write into the tree). */
export async function buildDashboard(outDir: string): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: join(ROOT, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

/** Start it (private: every page needs a session; public: reading works signed out). */
export async function secureServer(mode: "public" | "private" = "public"): Promise<SecureServer> {
  const dir = await mkdtemp(join(tmpdir(), "tocsin-browser-auth-"));
  const db = join(dir, "t.db");
  const webRoot = join(dir, "web");
  await buildDashboard(webRoot);
  const fieldKey = installFieldKey(db);
  const signer = installLogKey(db);
  const store = await openStore(db, { identityCodec: encryptingCodec(fieldKey) });
  await loadCase(store, withCanary(await rwandaBundle(), CANARY), {
    loadedAt: "2026-01-01T00:00:00.000Z",
    actor: "test",
  });
  const passwordHash = await hashPassword(PASSWORD);
  const at = new Date().toISOString();
  const secrets = new Map<string, Buffer>();
  for (const [role, username] of Object.entries(USERS)) {
    const u = await addUser(store.db, {
      username,
      passwordHash,
      role: role === "second-handler" ? "source-handler" : role,
      actor: "test",
      at,
    });
    if (role === "admin" || role.endsWith("handler")) {
      const secret = newTotpSecret();
      secrets.set(username, secret);
      await setTotpSecret(store.db, username, encryptTotpSecret(fieldKey, u.id, secret), "test", at);
    }
  }
  const io = { out: () => undefined, err: () => undefined, isTTY: false };
  const server: RunningServer = await startServer({
    store,
    port: 0,
    webRoot,
    io,
    analysis: await loadAnalysisInputs(ROOT, io),
    security: { mode, fieldKey, verifier: { name: signer.name, publicKey: signer.publicKey }, signer },
  });
  return {
    url: server.url,
    store,
    code: (username, unixSeconds = Date.now() / 1000) => {
      const s = secrets.get(username);
      if (!s) throw new Error(`secureServer.code: ${username} has no TOTP secret`);
      return totp(s, unixSeconds);
    },
    close: async () => {
      await server.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
