/**
 * Mappers between the `sources` row (plus `source_identities` rows) and the domain's Source. The protected
 * identity is split off here and never reaches the `sources` table; it comes back only when the caller
 * passes the identity rows, which repositories read only on an explicit `includeProtected`.
 * @module
 */
import { PROTECTED_SOURCE_LABEL, type ProtectedIdentity, type Source } from "../../domain/index.js";
import { bit, recordColumns, recordFromColumns } from "./record-row.js";
import type { SourceIdentityRow, SourceRow } from "./source.table.js";

/** The fields of a protected identity, in a fixed order. */
export const PROTECTED_IDENTITY_FIELDS = ["name", "contact", "exactPlace", "device", "description"] as const;

/**
 * Fields of a confidential source that could identify it although they are not part of its protected identity.
 * For a confidential source they are kept in `source_identities` too (so encrypted with the identities), and
 * the `sources` row holds only the neutral label and none of them.
 */
export const CONFIDENTIAL_DETAIL_FIELDS = ["title", "author", "url", "notes"] as const;

/** A confidential source as its `sources` row may hold it: the neutral title, no author, url or notes. */
function neutralBody(r: Source): Omit<Source, "protectedIdentity"> {
  const {
    protectedIdentity: _withheld,
    author: _author,
    url: _url,
    notes: _notes,
    ...body
  } = r;
  return r.confidential ? { ...body, title: PROTECTED_SOURCE_LABEL } : { ...body, ...pick(r) };
}

function pick(r: Source): Partial<Pick<Source, "author" | "url" | "notes">> {
  return {
    ...(r.author === undefined ? {} : { author: r.author }),
    ...(r.url === undefined ? {} : { url: r.url }),
    ...(r.notes === undefined ? {} : { notes: r.notes }),
  };
}

/** A Source as its `sources` row, without its protected identity (and, if confidential, its details). */
export function sourceToRow(caseId: string, r: Source): SourceRow {
  const body = neutralBody(r);
  return {
    ...recordColumns(caseId, "source", body as Source, body),
    kind: r.kind,
    title: body.title,
    reliability: r.reliability,
    credibility: r.credibility,
    confidential: bit(r.confidential),
  };
}

/**
 * The `source_identities` rows of a source: one per present identity field and, for a confidential source,
 * one per present detail field (title, author, url, notes). None for most sources.
 */
export function sourceToIdentityRows(caseId: string, r: Source): SourceIdentityRow[] {
  const identity = r.protectedIdentity ?? {};
  const rows = PROTECTED_IDENTITY_FIELDS.filter((f) => identity[f] !== undefined).map((field) => ({
    case_id: caseId,
    source_id: r.id,
    field: field as string,
    value: identity[field] as string,
  }));
  if (r.confidential)
    for (const field of CONFIDENTIAL_DETAIL_FIELDS)
      if (r[field] !== undefined) rows.push({ case_id: caseId, source_id: r.id, field, value: r[field] });
  return rows;
}

/**
 * The Source a `sources` row holds. With `identities` (the rows of this source, read on an explicit request),
 * the protected identity is put back; an empty object identity is kept as `{}` only if rows say so.
 */
export function sourceRowToSource(row: SourceRow, identities?: readonly SourceIdentityRow[]): Source {
  const source = recordFromColumns<Source>(row);
  if (identities === undefined || identities.length === 0) return source;
  const identity: Record<string, string> = {};
  const details: Record<string, string> = {};
  for (const i of identities) {
    if ((PROTECTED_IDENTITY_FIELDS as readonly string[]).includes(i.field)) identity[i.field] = i.value;
    else if ((CONFIDENTIAL_DETAIL_FIELDS as readonly string[]).includes(i.field)) details[i.field] = i.value;
  }
  const restored: Source = { ...source, ...details };
  return Object.keys(identity).length === 0
    ? restored
    : { ...restored, protectedIdentity: identity as ProtectedIdentity };
}
