/**
 * Options shared by the read functions, and the one place that decides whether protected source identities
 * are read: only on an explicit `includeProtected: true`.
 * @module
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./database.js";
import type { IdentityCodec } from "./identity-codec.js";
import type { SourceIdentityRow } from "./records/source.table.js";

export interface ReadOptions {
  /** Read confidential sources' protected identities too. Off by default; callers check entitlement first. */
  readonly includeProtected?: boolean;
}

/**
 * The identity rows of the given sources, grouped by `case_id` and `source_id` — read only when asked.
 * @returns undefined when protected identities were not requested.
 */
export async function identitiesFor(
  db: Kysely<Database> | Transaction<Database>,
  options: ReadOptions,
  caseId: string | undefined,
  sourceIds: readonly string[],
  codec: IdentityCodec,
): Promise<Map<string, SourceIdentityRow[]> | undefined> {
  if (options.includeProtected !== true || sourceIds.length === 0) return undefined;
  let q = db
    .selectFrom("source_identities")
    .selectAll()
    .where("source_id", "in", [...sourceIds]);
  if (caseId !== undefined) q = q.where("case_id", "=", caseId);
  const rows = codec.decode(await q.orderBy("field").execute());
  const out = new Map<string, SourceIdentityRow[]>();
  for (const r of rows) {
    const key = identityMapKey(r.case_id, r.source_id);
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  return out;
}

/** Key of {@link identitiesFor}'s map. */
export function identityMapKey(caseId: string, sourceId: string): string {
  return `${caseId}\u0000${sourceId}`;
}
