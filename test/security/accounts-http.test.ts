// Accounts end to end: users made with the real CLI, then login, sessions, roles, TOTP, throttling, tokens and
// security headers through a Hono app mounted the way src/http is told to (docs/security.md, "Mounting").
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authenticate,
  privateInstance,
  requirePermission,
  type AuthEnv,
} from "../../src/security/auth.middleware.js";
import { newFieldKey, parseFieldKey } from "../../src/security/field-cipher.js";
import { LoginThrottle } from "../../src/security/login-throttle.js";
import { createLoginRoutes } from "../../src/security/login.routes.js";
import { securityHeaders } from "../../src/http/security-headers.js";
import { base32Decode, totp } from "../../src/security/totp.js";
import { openStore, type Store } from "../../src/storage/index.js";
import { authPortFor, loginDepsFor } from "../../src/storage/accounts/index.js";
import { installLogKey } from "../../src/storage/keys/index.js";
import { checkpointLog, verifyLog } from "../../src/storage/log/index.js";
import { runInProcess } from "../cli/run-in-process.js";

const dir = mkdtempSync(join(tmpdir(), "tocsin-accounts-"));
const db = join(dir, "t.db");
const keyText = newFieldKey();
const keyFile = join(dir, "field.key");
writeFileSync(keyFile, keyText, { mode: 0o600 });
const PASSWORD = "a long test password 1";
const T = Date.UTC(2031, 4, 1, 12, 0, 0);
let now = T;
const clock = () => new Date(now);

async function cli(
  env: Record<string, string>,
  ...argv: string[]
): Promise<{ code: number; out: string; err: string }> {
  const r = await runInProcess(argv, { defaultDb: db, packageRoot: process.cwd(), env, today: "2031-05-01" });
  return { code: r.code, out: r.stdout, err: r.stderr };
}

const secretOf = (out: string): Buffer => base32Decode(/secret=([A-Z2-7]+)/u.exec(out)?.[1] ?? "") as Buffer;
let store: Store;
let app: Hono<AuthEnv>;
const secrets: Record<string, Buffer> = {};

beforeAll(async () => {
  const env = { TOCSIN_PASSWORD: PASSWORD, TOCSIN_FIELD_KEY_FILE: keyFile };
  const admin = await cli(env, "user", "add", "Ana", "--admin");
  expect(admin.code).toBe(0);
  secrets.ana = secretOf(admin.out);
  expect((await cli(env, "user", "add", "vic", "--role", "viewer")).code).toBe(0);
  const sam = await cli(env, "user", "add", "sam", "--role", "source-handler");
  secrets.sam = secretOf(sam.out);
  expect((await cli(env, "user", "add", "eve", "--role", "analyst")).code).toBe(0);

  store = await openStore(db);
  const throttle = new LoginThrottle();
  app = new Hono<AuthEnv>();
  app.use("*", securityHeaders());
  app.use("*", authenticate(authPortFor(store.db), clock));
  app.use("*", privateInstance(["/health", "/auth/login"]));
  app.route("/auth", createLoginRoutes(loginDepsFor(store.db, parseFieldKey(keyText), throttle, clock)));
  app.get("/health", (c) => c.json({ ok: true }));
  app.get("/api/records", requirePermission("records:read"), (c) => c.json({ records: [] }));
  app.post("/api/records", requirePermission("records:write"), (c) => c.json({ ok: true }));
  app.get("/api/sources/protected", requirePermission("sources:protected:read"), (c) =>
    c.json({ identity: "visible" }),
  );
});

afterAll(async () => {
  await store.close();
});

async function login(username: string, password = PASSWORD, code?: string, ip = "192.0.2.1") {
  const res = await app.request("/auth/login", {
    method: "POST",
    headers: { "Content-Type": "application/json", "x-real-ip": ip },
    body: JSON.stringify({ username, password, ...(code ? { totp: code } : {}) }),
  });
  const cookie = res.headers.get("set-cookie") ?? "";
  return { res, cookie, session: /__Host-tocsin_session=([^;]+)/u.exec(cookie)?.[1] };
}

const get = (path: string, session?: string, headers: Record<string, string> = {}) =>
  app.request(path, {
    headers: { ...(session ? { Cookie: `__Host-tocsin_session=${session}` } : {}), ...headers },
  });

describe("accounts, sessions and roles", () => {
  it("needs a session for every route but health and login (private mode), with security headers on every answer", async () => {
    const anon = await get("/api/records");
    expect(anon.status).toBe(401);
    expect(anon.headers.get("content-type")).toBe("application/problem+json");
    expect(await anon.json()).toEqual({ type: "about:blank", title: "authentication required", status: 401 });
    for (const res of [anon, await get("/health")]) {
      expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
    expect(anon.headers.get("cache-control")).toBe("no-store");
    expect((await get("/health")).status).toBe(200);
  });

  it("requires TOTP for an admin and sets a __Host- cookie Secure, HttpOnly, SameSite=Strict", async () => {
    const noCode = await login("ana");
    expect(noCode.res.status).toBe(401);
    expect(noCode.session).toBeUndefined();
    const ok = await login("ANA", PASSWORD, totp(secrets.ana as Buffer, Math.floor(now / 1000)));
    expect(ok.res.status).toBe(200);
    expect(ok.cookie).toMatch(
      /^__Host-tocsin_session=[\w-]{43}; Max-Age=28800; Path=\/; HttpOnly; Secure; SameSite=Strict$/u,
    );
    expect((await get("/api/records", ok.session)).status).toBe(200);
    // Admins do not see protected identities.
    expect((await get("/api/sources/protected", ok.session)).status).toBe(403);
    // The same TOTP code cannot be replayed.
    expect(
      (await login("ana", PASSWORD, totp(secrets.ana as Buffer, Math.floor(now / 1000)))).res.status,
    ).toBe(401);
  });

  it("lets a viewer read but not write, and a source-handler with TOTP read protected sources", async () => {
    const v = await login("vic");
    expect(v.res.status).toBe(200);
    expect((await get("/api/records", v.session)).status).toBe(200);
    expect(
      (
        await app.request("/api/records", {
          method: "POST",
          headers: { Cookie: `__Host-tocsin_session=${v.session}` },
        })
      ).status,
    ).toBe(403);
    expect((await get("/api/sources/protected", v.session)).status).toBe(403);
    now += 30_000;
    const s = await login("sam", PASSWORD, totp(secrets.sam as Buffer, Math.floor(now / 1000)));
    expect(s.res.status).toBe(200);
    expect((await get("/api/sources/protected", s.session)).status).toBe(200);
  });

  it("rotates the session at each login and kills it at logout and when the user is disabled", async () => {
    const a = await login("eve");
    const b = await login("eve");
    expect(a.session).not.toBe(b.session);
    const out = await app.request("/auth/logout", {
      method: "POST",
      headers: { Cookie: `__Host-tocsin_session=${a.session}` },
    });
    expect(out.status).toBe(204);
    expect((await get("/api/records", a.session)).status).toBe(401);
    expect((await get("/api/records", b.session)).status).toBe(200);
    expect((await cli({}, "user", "disable", "eve")).code).toBe(0);
    expect((await get("/api/records", b.session)).status).toBe(401);
    expect((await login("eve")).res.status).toBe(401);
  });

  it("answers unknown users exactly like wrong passwords, and throttles with Retry-After after 10 failures", async () => {
    const unknown = await login("nobody", "x", undefined, "198.51.100.7");
    const wrong = await login("vic", "x", undefined, "198.51.100.8");
    expect(unknown.res.status).toBe(401);
    expect(await unknown.res.text()).toBe(await wrong.res.text());
    for (let i = 0; i < 9; i++) await login("vic", "x", undefined, `198.51.100.${10 + i}`);
    const limited = await login("vic", PASSWORD, undefined, "198.51.100.99");
    expect(limited.res.status).toBe(429);
    expect(Number(limited.res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("accepts API tokens for scripts, and refuses them for protected identities", async () => {
    const t = await cli({}, "user", "token", "sam", "--name", "nightly export");
    const token = t.out.trim();
    expect(token).toMatch(/^tcn_/u);
    expect((await get("/api/records", undefined, { Authorization: `Bearer ${token}` })).status).toBe(200);
    expect(
      (await get("/api/sources/protected", undefined, { Authorization: `Bearer ${token}` })).status,
    ).toBe(403);
    expect((await get("/api/records", undefined, { Authorization: "Bearer tcn_forged" })).status).toBe(401);
  });

  it("audits logins and admin changes without any password or token, and lists users without secrets", async () => {
    const lines = (await store.db
      .selectFrom("audit_events" as never)
      .select("line" as never)
      .execute()) as { line: string }[];
    const text = lines.map((l) => l.line).join("\n");
    expect(text).toContain('"action":"login.ok"');
    expect(text).toContain('"action":"login.failed"');
    expect(text).toContain('"action":"user.disable"');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("tcn_");
    const list = await cli({}, "user", "list", "--json");
    expect(
      JSON.parse(list.out).users.map((u: { username: string; role: string }) => `${u.username}:${u.role}`),
    ).toEqual(["ana:admin", "eve:analyst", "sam:source-handler", "vic:viewer"]);
    expect(list.out).not.toContain("scrypt");
  });

  it("logs every account change, so a role raised directly in the database is named by log verify", async () => {
    // The install's own key, created by the first CLI write (`user add`), which also signed a checkpoint.
    const signer = installLogKey(db);
    await checkpointLog(store.db, signer, signer.name);
    expect((await verifyLog(store.db, signer)).problems).toEqual([]);
    const raw = new BetterSqlite3(db);
    raw.prepare("UPDATE users SET role = 'admin' WHERE username = 'vic'").run();
    const vic = raw.prepare("SELECT id FROM users WHERE username = 'vic'").get() as { id: string };
    raw.close();
    const report = await verifyLog(store.db, signer);
    expect(report.problems.map((p) => `${p.code} ${p.item}`)).toEqual([`ROW_CHANGED users:${vic.id}`]);
  });
});
