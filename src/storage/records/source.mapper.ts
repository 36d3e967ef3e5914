/**
 * Mappers between the `sources` row (plus `source_identities` rows) and the domain's Source. The protected
 * identity is split off here and never reaches the `sources` table; it comes back only when the caller
 * passes the identity rows, which repositories read only on an explicit `includeProtected`.
 * @module
 */
import type { ProtectedIdentity, Source } from "../../domain/index.js";
import { bit, recordColumns, recordFromColumns } from "./record-row.js";
import type { SourceIdentityRow, SourceRow } from "./source.table.js";

/** The fields of a protected identity, in a fixed order. */
export const PROTECTED_IDENTITY_FIELDS = ["name", "contact", "exactPlace", "device", "description"] as const;

/** A Source as its `sources` row, without its protected identity. */
export function sourceToRow(caseId: string, r: Source): SourceRow {
  const { protectedIdentity: _withheld, ...body } = r;
  return {
    ...recordColumns(caseId, "source", r, body),
    kind: r.kind,
    title: r.title,
    reliability: r.reliability,
    credibility: r.credibility,
    confidential: bit(r.confidential),
  };
}

/** The `source_identities` rows of a source: one per present identity field (none for most sources). */
export function sourceToIdentityRows(caseId: string, r: Source): SourceIdentityRow[] {
  const identity = r.protectedIdentity;
  if (identity === undefined) return [];
  return PROTECTED_IDENTITY_FIELDS.filter((f) => identity[f] !== undefined).map((field) => ({
    case_id: caseId,
    source_id: r.id,
    field,
    value: identity[field] as string,
  }));
}

/**
 * The Source a `sources` row holds. With `identities` (the rows of this source, read on an explicit request),
 * the protected identity is put back; an empty object identity is kept as `{}` only if rows say so.
 */
export function sourceRowToSource(row: SourceRow, identities?: readonly SourceIdentityRow[]): Source {
  const source = recordFromColumns<Source>(row);
  if (identities === undefined || identities.length === 0) return source;
  const identity: Record<string, string> = {};
  for (const i of identities)
    if ((PROTECTED_IDENTITY_FIELDS as readonly string[]).includes(i.field)) identity[i.field] = i.value;
  return { ...source, protectedIdentity: identity as ProtectedIdentity };
}
