/**
 * Requests and answers of the trust routes (log proofs, dual-control reveal) and of login/logout, for the
 * OpenAPI document; the log index pattern is the one the routes check their parameters with.
 * @module
 */
import { z } from "zod";

/** A tree size or leaf index as written in a URL: a whole number without leading zeros. */
export const LOG_INDEX_PATTERN = /^(0|[1-9][0-9]{0,14})$/u;

const LogIndex = z.string().regex(LOG_INDEX_PATTERN).describe("a whole number");

/** The latest signed tree head. */
export const LogCheckpointSchema = z
  .object({ treeSize: z.number().int(), rootHash: z.string(), checkpoint: z.string() })
  .meta({ id: "LogCheckpoint", description: "The latest signed checkpoint of the tamper-evident log" });

/** `?from=&to=` of a consistency proof. */
export const LogConsistencyQuerySchema = z.object({ from: LogIndex, to: LogIndex });

/** A consistency proof between two tree sizes. */
export const LogConsistencySchema = z
  .object({ oldSize: z.number().int(), newSize: z.number().int(), proof: z.array(z.string()) })
  .meta({ id: "LogConsistency", description: "Hashes proving the older tree is a prefix of the newer" });

/** The leaf index of an inclusion receipt. */
export const LogLeafParamsSchema = z.object({ leaf: LogIndex });

/** An inclusion receipt (its full layout is described in docs/trust.md). */
export const LogReceiptSchema = z
  .looseObject({ format: z.string(), leafData: z.string(), leafHash: z.string() })
  .meta({
    id: "LogReceipt",
    description: "A leaf, its inclusion proof and the signed checkpoint covering it",
  });

/** The body of a reveal request. */
export const RevealRequestBodySchema = z.object({
  caseId: z.string(),
  sourceId: z.string().describe("a confidential source of the case"),
  reason: z.string().min(10).describe("why the identity is needed (at least 10 characters)"),
});

/** The id of a reveal request in a path. */
export const RevealParamsSchema = z.object({ id: z.string() });

/** The body of a login. */
export const LoginBodySchema = z.object({
  username: z.string().max(128),
  password: z.string().max(1024),
  totp: z.string().optional().describe("the current TOTP code (admins and source-handlers)"),
});

/** The answer of a successful login (the session is the `__Host-` cookie, never the body). */
export const LoginResultSchema = z.object({ ok: z.literal(true), secondFactor: z.boolean() });

/** The minimal problem document the login routes and the auth middleware answer with. */
export const AuthProblemSchema = z
  .object({ type: z.string(), title: z.string(), status: z.number().int() })
  .meta({ id: "AuthProblem", description: "An authentication or permission refusal" });

/** The answer of an approval. */
export const RevealApprovedSchema = z.object({ approved: z.literal(true) });

/** The answer of a reveal: the protected identity's fields (never cached: `Cache-Control: no-store`). */
export const RevealedIdentitySchema = z.object({ identity: z.record(z.string(), z.string()) });
