/**
 * The trust routes: the tamper-evident log's proofs (`/api/log/checkpoint`, `/api/log/inclusion/:leaf`,
 * `/api/log/consistency`) and the dual-control reveal of a protected source (source-handlers only). A reveal
 * request or step on something the caller may not touch answers exactly like one that does not exist — and is
 * audited as a denial (one event, named by the route; see security/denial-audit.ts).
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { requirePermission } from "../../security/auth.middleware.js";
import { denyRequest } from "../../security/denial-audit.js";
import {
  approveReveal,
  requestReveal,
  revealIdentity,
  RevealError,
  type RevealOptions,
} from "../../storage/confidential/index.js";
import {
  checkpointLog,
  latestCheckpoint,
  logConsistency,
  logReceipt,
  LogProofError,
} from "../../storage/log/index.js";
import { ApiError } from "../api-error.js";
import type { HttpDeps, HttpEnv } from "../deps.js";
import type { HttpSecurity } from "../http-security.js";
import { documentTrustRoutes } from "../trust.openapi.js";
import { LOG_INDEX_PATTERN } from "../../contracts/api/trust.schema.js";

const INDEX = LOG_INDEX_PATTERN;

function treeIndex(text: string | undefined, name: string): number {
  if (text === undefined || !INDEX.test(text))
    throw new ApiError("bad-request", `${name} must be a whole number`);
  return Number(text);
}

function proofError(e: unknown): never {
  if (e instanceof LogProofError) throw new ApiError("not-found", e.message);
  throw e;
}

/**
 * A refused reveal step: a 404 "no such request" when the caller may not know it exists, else a 403. Either way
 * the refusal is recorded for the denial audit (the storage layer was told not to write it).
 */
function revealError(c: Context, e: unknown): never {
  if (e instanceof RevealError) {
    denyRequest(c, { reason: e.message, target: e.target, details: { code: e.code } });
    if (e.code === "REVEAL_FORBIDDEN" || e.code === "REVEAL_NOT_FOUND")
      throw new ApiError("not-found", "no such reveal request");
    throw new ApiError("forbidden", "this reveal step is not allowed now");
  }
  throw e;
}

/** Reveal steps over HTTP: refusals are audited once, by the denial audit, under the route's name. */
const HTTP: RevealOptions = { auditRefusals: false };

const noStore = (c: Context) => c.header("Cache-Control", "no-store");

async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  try {
    const body = (await c.req.json()) as unknown;
    return body !== null && typeof body === "object" ? (body as Record<string, unknown>) : {};
  } catch {
    throw new ApiError("bad-request", "the body must be a JSON object");
  }
}

/** Mount the log proof routes and the reveal routes (only when accounts are configured). */
export function registerTrust(app: OpenAPIHono<HttpEnv>, deps: HttpDeps, security: HttpSecurity): void {
  const db = deps.store.db;
  const clock = security.clock ?? (() => new Date());
  documentTrustRoutes(app);

  app.get("/api/log/checkpoint", async (c) => {
    const cp = await latestCheckpoint(db);
    if (!cp) throw new ApiError("not-found", "the log has no signed checkpoint yet");
    return c.json({ treeSize: Number(cp.tree_size), rootHash: cp.root_hash, checkpoint: cp.checkpoint });
  });

  app.get("/api/log/consistency", async (c) => {
    const from = treeIndex(c.req.query("from"), "from");
    const to = treeIndex(c.req.query("to"), "to");
    try {
      return c.json(await logConsistency(db, from, to));
    } catch (e) {
      return proofError(e);
    }
  });

  // A receipt names a record key (ids, never identities); still only for roles that read the log.
  app.get("/api/log/inclusion/:leaf", requirePermission("log:read"), async (c) => {
    const leaf = treeIndex(c.req.param("leaf"), "leaf");
    if (!security.verifier) throw new ApiError("unavailable", "the log's verifier key is not configured");
    try {
      return c.json(await logReceipt(db, security.verifier, leaf));
    } catch (e) {
      return proofError(e);
    }
  });

  const handler = requirePermission("sources:protected:read");
  // Each reveal step appends log leaves: sign them at once so they are covered by a checkpoint.
  const checkpoint = async () => {
    if (security.signer) await checkpointLog(db, security.signer, security.signer.name, clock());
  };

  app.post("/api/reveal-requests", handler, async (c) => {
    noStore(c);
    const body = await jsonBody(c);
    const caseId = typeof body.caseId === "string" ? body.caseId : "";
    const sourceId = typeof body.sourceId === "string" ? body.sourceId : "";
    const reason = typeof body.reason === "string" ? body.reason : "";
    if (reason.trim().length < 10)
      throw new ApiError("bad-request", "give a reason of at least 10 characters");
    const source = await db
      .selectFrom("sources")
      .select("confidential")
      .where("case_id", "=", caseId)
      .where("id", "=", sourceId)
      .executeTakeFirst();
    // A source that is not confidential has nothing to reveal: it answers like a missing one.
    if (!source || Number(source.confidential) !== 1) {
      denyRequest(c, {
        reason: source ? "source is not confidential" : "no such source",
        target: `${caseId}/${sourceId}`,
      });
      throw new ApiError("not-found", "no confidential source with that id");
    }
    try {
      const id = await requestReveal(db, c.get("principal"), caseId, sourceId, reason, clock(), HTTP);
      await checkpoint();
      return c.json({ id }, 201);
    } catch (e) {
      return revealError(c, e);
    }
  });

  app.post("/api/reveal-requests/:id/approve", handler, async (c) => {
    noStore(c);
    try {
      await approveReveal(db, c.get("principal"), c.req.param("id"), clock(), HTTP);
      await checkpoint();
      return c.json({ approved: true });
    } catch (e) {
      return revealError(c, e);
    }
  });

  app.post("/api/reveal-requests/:id/reveal", handler, async (c) => {
    noStore(c);
    try {
      const identity = await revealIdentity(
        db,
        c.get("principal"),
        c.req.param("id"),
        security.fieldKey,
        clock(),
        HTTP,
      );
      await checkpoint();
      return c.json({ identity });
    } catch (e) {
      return revealError(c, e);
    }
  });
}
