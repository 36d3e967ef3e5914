/**
 * What the write routes share: the If-Match version, the body as a record (with `knownAt` defaulted and
 * `backfillReason` taken out), the backfill rule, protected values kept out of problem messages, and the
 * mapping of a refused write to its problem answer.
 * @module
 */
import type { Context } from "hono";
import type { FieldProblem } from "../../contracts/api/problem.schema.js";
import { WRITE_KIND_NAMES } from "../../contracts/api/write.schema.js";
import { addDays, type RecordKind } from "../../domain/index.js";
import { WriteError } from "../../storage/writes/index.js";
import { ApiError } from "../api-error.js";
import type { HttpEnv } from "../deps.js";
import { redactDeep } from "../redact.js";

/** The record kind a path names (singular or case-folder plural), or a 404. */
export function kindOf(name: string): RecordKind {
  const kind = WRITE_KIND_NAMES[name];
  if (kind === undefined) throw new ApiError("not-found", `no record kind "${name}"`);
  return kind;
}

/** The body as a JSON object, or a 400. */
export async function objectBody(c: Context): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new ApiError("bad-request", "the body must be a JSON object");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new ApiError("bad-request", "the body must be a JSON object");
  return body as Record<string, unknown>;
}

/** The version an `If-Match` header names (`"v"`, `W/"v"`); 428 when there is none. */
export function ifMatchVersion(c: Context): string {
  const h = c.req.header("If-Match");
  if (h === undefined || h.trim() === "")
    throw new ApiError("precondition-required", "this write needs an If-Match header with the record's ETag");
  return h
    .trim()
    .replace(/^W\//u, "")
    .replace(/^"(.*)"$/u, "$1");
}

/** An ETag header value for a version. */
export const etag = (version: string): string => `"${version}"`;

/** The record body without `backfillReason`, with `knownAt` defaulting to `today`. */
export function prepareBody(
  body: Record<string, unknown>,
  today: string,
): { record: Record<string, unknown>; backfillReason: unknown } {
  const { backfillReason, ...rest } = body;
  return { record: rest.knownAt === undefined ? { ...rest, knownAt: today } : rest, backfillReason };
}

/**
 * The backfill rule: `knownAt` may not be after today; more than a day back it needs a stated reason.
 * @returns the problems, and the reason to keep when the record is backfilled.
 */
export function backfillProblems(
  knownAt: string,
  today: string,
  reason: unknown,
): { problems: FieldProblem[]; reason?: string } {
  if (knownAt > today)
    return { problems: [{ path: "knownAt", message: `knownAt ${knownAt} is after today (${today})` }] };
  if (knownAt >= addDays(today, -1)) return { problems: [] };
  if (typeof reason !== "string" || reason.trim().length === 0)
    return {
      problems: [
        {
          path: "backfillReason",
          message: `knownAt ${knownAt} is more than a day before today: say why in backfillReason`,
        },
      ],
    };
  return { problems: [], reason: reason.trim().slice(0, 2000) };
}

/** Every string inside a value (the protected values a problem message must never repeat). */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    if (value.length >= 3) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === "object") for (const v of Object.values(value)) strings(v, out);
  return out;
}

/**
 * Fields of a confidential source's body whose values may appear in a problem: its id and kind. Every other
 * value is kept out, dates and grading included (a mistyped value may be an identity typed in the wrong field).
 */
const CLEAR = new Set(["id", "kind"]);

/** The values of a source body no problem may repeat: its identity, and for a confidential one all but id and kind. */
export function protectedValues(kind: RecordKind, body: Record<string, unknown>): string[] {
  if (kind !== "source") return [];
  const out = strings(body.protectedIdentity);
  if (body.confidential === true)
    for (const [k, v] of Object.entries(body))
      if (!CLEAR.has(k) && k !== "protectedIdentity") strings(v, out);
  return out;
}

/** Problems with every protected value replaced (longest first, so no part of one survives). */
export function scrub(problems: readonly FieldProblem[], secrets: readonly string[]): FieldProblem[] {
  if (secrets.length === 0) return [...problems];
  const sorted = [...new Set(secrets)].sort((a, b) => b.length - a.length);
  const clean = (t: string) => sorted.reduce((acc, s) => acc.split(s).join("[protected]"), t);
  return problems.map((p) => ({ ...p, path: clean(p.path), message: clean(p.message) }));
}

/** A 400 listing every problem of the written record. */
export function invalidRecord(problems: readonly FieldProblem[]): ApiError {
  return new ApiError(
    "bad-request",
    `the record has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was written`,
    undefined,
    { problems },
  );
}

/** The problem answer of a refused write (412 with the stored record as the caller may see it). */
export function writeRefusal(c: Context<HttpEnv>, e: unknown): never {
  if (!(e instanceof WriteError)) throw e;
  if (e.code === "EXISTS") throw new ApiError("conflict", e.message);
  if (e.code === "STALE" && e.current) {
    const confidential = c.get("confidentialSources") ?? new Set<string>();
    const current = redactDeep(e.current.record, c.get("viewer"), (id) => confidential.has(id));
    throw new ApiError("precondition-failed", e.message, undefined, {
      current: current as object,
      currentVersion: e.current.version,
    });
  }
  throw new ApiError("not-found", e.message);
}

/** Today's date (UTC) from the app's clock. */
export function dayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}
