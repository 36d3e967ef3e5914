/**
 * Mappers between the `sources` row (plus `source_identities` rows) and the domain's Source. Everything that
 * could identify a confidential source is split off here and never reaches the `sources` table: its protected
 * identity, and its title, author, URL, notes, dates of publication, licence, attribution and own citations
 * (sealed fields). The `sources` row of a confidential source holds only the placeholder `redactSource` shows
 * an unentitled viewer. The split-off values come back only when the caller passes the identity rows, which
 * repositories read only on an explicit `includeProtected`.
 * @module
 */
import {
  PROTECTED_SOURCE_LABEL,
  redactSource,
  type ProtectedIdentity,
  type Source,
} from "../../domain/index.js";
import { canonicalJson } from "./canonical-json.js";
import { bit, recordColumns, recordFromColumns } from "./record-row.js";
import type { SourceIdentityRow, SourceRow } from "./source.table.js";

/** The fields of a protected identity, in a fixed order. */
export const PROTECTED_IDENTITY_FIELDS = ["name", "contact", "exactPlace", "device", "description"] as const;

/** Prefix of a sealed Source field's row in `source_identities` (`source.title`, `source.citations`…). */
export const SEALED_FIELD_PREFIX = "source.";

/**
 * The Source fields a confidential source keeps in the clear: what grading, dating and the "as of" gate need.
 * Every other field (present or added later) is sealed: new fields are protected by default.
 */
const CLEAR_SOURCE_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "kind",
  "occurredAt",
  "knownAt",
  "reliability",
  "credibility",
  "confidential",
  "protectedIdentity",
]);

/** What the `sources` row of a confidential source holds: the unentitled view, without its `redacted` flag. */
export function placeholderOf(r: Source): Source {
  const { redacted: _flag, ...shown } = redactSource(r, false) as Source & { redacted?: boolean };
  return shown;
}

/** A Source as its `sources` row, without its protected identity (and, if confidential, without any sealed field). */
export function sourceToRow(caseId: string, r: Source): SourceRow {
  const { protectedIdentity: _withheld, ...full } = r;
  const body = r.confidential ? placeholderOf(r) : full;
  return {
    ...recordColumns(caseId, "source", r, body),
    kind: r.kind,
    title: r.confidential ? PROTECTED_SOURCE_LABEL : r.title,
    reliability: r.reliability,
    credibility: r.credibility,
    confidential: bit(r.confidential),
  };
}

/**
 * The citations stored for a source: a confidential source's own citations are sealed, so their derived rows
 * keep the cited source (for the foreign key) but not the locator.
 */
export function storedSourceCitations(r: Source): Source["citations"] {
  return r.confidential ? r.citations.map((c) => ({ source: c.source, locator: "" })) : r.citations;
}

/**
 * The `source_identities` rows of a source: one per present identity field, and for a confidential source one
 * per sealed field (`source.<field>`, its value as canonical JSON). None for most sources.
 */
export function sourceToIdentityRows(caseId: string, r: Source): SourceIdentityRow[] {
  const row = (field: string, value: string): SourceIdentityRow => ({
    case_id: caseId,
    source_id: r.id,
    field,
    value,
  });
  const identity = r.protectedIdentity;
  const rows =
    identity === undefined
      ? []
      : PROTECTED_IDENTITY_FIELDS.filter((f) => identity[f] !== undefined).map((f) =>
          row(f, identity[f] as string),
        );
  if (!r.confidential) return rows;
  for (const [field, value] of Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (CLEAR_SOURCE_FIELDS.has(field) || value === undefined) continue;
    rows.push(row(`${SEALED_FIELD_PREFIX}${field}`, canonicalJson(value)));
  }
  return rows;
}

/** A sealed value's JSON; a bad one fails naming the field only (a JSON.parse message would quote the value). */
function parseSealed(field: string, value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new RangeError(`sealed source field ${field} does not hold JSON`);
  }
}

/**
 * The sealed fields and the protected identity held by identity rows (already decrypted).
 * @example sealedOf(rows).fields.title // "Confidential informant"
 */
export function sealedOf(identities: readonly Pick<SourceIdentityRow, "field" | "value">[]): {
  readonly fields: Readonly<Record<string, unknown>>;
  readonly identity: ProtectedIdentity | undefined;
} {
  const fields: Record<string, unknown> = {};
  const identity: Record<string, string> = {};
  let hasIdentity = false;
  for (const i of identities) {
    if (i.field.startsWith(SEALED_FIELD_PREFIX))
      fields[i.field.slice(SEALED_FIELD_PREFIX.length)] = parseSealed(i.field, i.value);
    else if ((PROTECTED_IDENTITY_FIELDS as readonly string[]).includes(i.field)) {
      identity[i.field] = i.value;
      hasIdentity = true;
    }
  }
  return { fields, identity: hasIdentity ? (identity as ProtectedIdentity) : undefined };
}

/**
 * The Source a `sources` row holds. With `identities` (the rows of this source, read on an explicit request),
 * the sealed fields and the protected identity are put back; without, a confidential source is its placeholder.
 */
export function sourceRowToSource(row: SourceRow, identities?: readonly SourceIdentityRow[]): Source {
  const source = recordFromColumns<Source>(row);
  if (identities === undefined || identities.length === 0) return source;
  const { fields, identity } = sealedOf(identities);
  const whole = { ...source, ...fields } as Source;
  return identity === undefined ? whole : { ...whole, protectedIdentity: identity };
}
