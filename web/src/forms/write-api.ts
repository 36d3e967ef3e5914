// The write API of issue 15 as the dashboard calls it (docs: /work/briefs/api-contract-15.md, docs/api.md):
// cases, record create / update / soft delete with ETag and If-Match, Idempotency-Key on creates, the case check.
import { RECORD_FILES } from "../../../src/contracts/case.schema.js";
import type { RecordKind } from "./field-spec.js";
import { send, type Answer } from "../api.js";

/** The path segment of a kind in the write routes: the case folder's plural name (`incidents`, `tribunal-cases`). */
export function writeKind(kind: RecordKind): string {
  return RECORD_FILES[kind].replace(/\.json$/u, "");
}

const enc = encodeURIComponent;

/** A record and its version, as the write routes answer. */
export interface Written {
  readonly record: Record<string, unknown>;
  readonly version: string;
}

/** A stored record (GET /api/records/{kind}/{id}) and its ETag. */
export async function readRecord(
  kind: RecordKind,
  id: string,
  caseId: string,
): Promise<{ record: Record<string, unknown>; etag: string | undefined }> {
  const a = await send<{ record: Record<string, unknown> }>(
    "GET",
    `/api/records/${enc(kind)}/${enc(id)}?case=${enc(caseId)}`,
  );
  return { record: a.body.record, etag: a.etag };
}

/** Create a record; a retry with the same key creates nothing more. */
export function createRecord(
  caseId: string,
  kind: RecordKind,
  body: unknown,
  idempotencyKey: string,
): Promise<Answer<Written>> {
  return send<Written>("POST", `/api/cases/${enc(caseId)}/records/${writeKind(kind)}`, {
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });
}

/** The If-Match value of a version (an ETag is sent back as received). */
function ifMatch(version: string): string {
  return version.startsWith('"') || version.startsWith("W/") ? version : `"${version}"`;
}

/** Replace a record; 412 when `version` is stale (the answer then holds the current record). */
export function updateRecord(
  caseId: string,
  kind: RecordKind,
  id: string,
  body: unknown,
  version: string,
): Promise<Answer<Written>> {
  return send<Written>("PUT", `/api/cases/${enc(caseId)}/records/${writeKind(kind)}/${enc(id)}`, {
    body,
    headers: { "If-Match": ifMatch(version) },
  });
}

/** Soft-delete a record (kept in its versions). */
export function deleteRecord(
  caseId: string,
  kind: RecordKind,
  id: string,
  version: string,
): Promise<Answer<undefined>> {
  return send<undefined>("DELETE", `/api/cases/${enc(caseId)}/records/${writeKind(kind)}/${enc(id)}`, {
    headers: { "If-Match": ifMatch(version) },
  });
}

/** Create a case (`end: null`: a live, open-ended situation). */
export function createCase(body: {
  id: string;
  name: string;
  period: { start: string; end: string | null };
  description?: string;
}): Promise<Answer<unknown>> {
  return send("POST", "/api/cases", { body });
}

/** A fresh Idempotency-Key for one create (kept across retries of that create). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
