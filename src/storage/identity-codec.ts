/**
 * The hook through which protected source identities (and the sealed fields of confidential sources) are
 * encrypted at rest: every write of a `source_identities` row goes through `encode`, every read through
 * `decode`. A store opened without a codec has no field key and refuses both: nothing identifying is ever
 * written in the clear, and nothing encrypted is ever passed on undecrypted.
 * @module
 */
import type { SourceIdentityRow } from "./records/source.table.js";
import { StoreError } from "./store-error.js";

/** Encodes identity rows for storage and decodes them back; must be deterministic in what `decode` returns. */
export interface IdentityCodec {
  encode(rows: readonly SourceIdentityRow[]): SourceIdentityRow[];
  decode(rows: readonly SourceIdentityRow[]): SourceIdentityRow[];
  /**
   * A deterministic fingerprint of `text` keyed with the field key (HMAC), for what must compare equal across
   * writes without letting the database holder confirm a guess: the raw-row hash an import keeps for a
   * confidential source's row (a plain hash of the row would confirm a guessed name). A codec without it
   * cannot take such rows (see {@link tagWith}).
   */
  tag?(text: string): string;
}

function refuse(rows: readonly SourceIdentityRow[], what: string): never {
  // Ids only: a source id is not an identity, the values never enter a message.
  const ids = [...new Set(rows.map((r) => `${r.case_id}/${r.source_id}`))].slice(0, 3).join(", ");
  throw new StoreError(
    "STORE_UNSAFE",
    `${what} the protected fields of confidential source ${ids} without a field key: open the store with ` +
      "the install's field key (TOCSIN_FIELD_KEY_FILE or TOCSIN_FIELD_KEY); nothing was written in the clear",
  );
}

/**
 * The codec of a store opened without a field key: writing or reading any protected field fails with
 * STORE_UNSAFE (no plaintext fallback). Stores without confidential sources never call it.
 */
export const NO_FIELD_KEY: IdentityCodec = {
  encode: (rows) => (rows.length === 0 ? [] : refuse(rows, "cannot store")),
  decode: (rows) => (rows.length === 0 ? [] : refuse(rows, "cannot read")),
  tag: () => {
    throw new StoreError(
      "STORE_UNSAFE",
      "cannot fingerprint a confidential source's row without a field key: open the store with the install's " +
        "field key (TOCSIN_FIELD_KEY_FILE or TOCSIN_FIELD_KEY); nothing was written in the clear",
    );
  },
};

/** `codec`'s keyed tag of `text`; STORE_UNSAFE when the codec has no key to tag with. */
export function tagWith(codec: IdentityCodec, text: string): string {
  return codec.tag ? codec.tag(text) : (NO_FIELD_KEY.tag as (t: string) => string)(text);
}
