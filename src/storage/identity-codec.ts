/**
 * The hook through which protected source identities are encrypted at rest: every write of a
 * `source_identities` row goes through `encode`, every read through `decode`. Without a codec the values are
 * stored as given.
 * @module
 */
import type { SourceIdentityRow } from "./records/source.table.js";

/** Encodes identity rows for storage and decodes them back; must be deterministic in what `decode` returns. */
export interface IdentityCodec {
  encode(rows: readonly SourceIdentityRow[]): SourceIdentityRow[];
  decode(rows: readonly SourceIdentityRow[]): SourceIdentityRow[];
}

/** Stores values as given. */
export const PLAIN_IDENTITIES: IdentityCodec = {
  encode: (rows) => [...rows],
  decode: (rows) => [...rows],
};
