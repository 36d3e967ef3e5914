/**
 * The dialect behind each open store, so repository functions can translate driver errors without the
 * public Store type carrying dialect internals.
 * @module
 */
import type { OpenedDialect } from "./dialects/dialect.js";
import { NO_FIELD_KEY, type IdentityCodec } from "./identity-codec.js";
import { StoreError } from "./store-error.js";
import type { Store } from "./store.js";

const dialects = new WeakMap<Store, OpenedDialect>();
const codecs = new WeakMap<Store, IdentityCodec>();

/** Remember the dialect (and identity codec) of a store opened by openStore. */
export function registerStore(store: Store, dialect: OpenedDialect, codec?: IdentityCodec): void {
  dialects.set(store, dialect);
  if (codec !== undefined) codecs.set(store, codec);
}

/** The codec protected source identities go through in this store. */
export function identityCodecOf(store: Store): IdentityCodec {
  return codecs.get(store) ?? NO_FIELD_KEY;
}

/** Whether `store` was opened with a field key (a codec that can encrypt protected source fields). */
export function hasFieldKey(store: Store): boolean {
  return codecs.has(store);
}

/** The dialect of a store opened by openStore. */
export function dialectOf(store: Store): OpenedDialect {
  const d = dialects.get(store);
  if (d === undefined)
    throw new StoreError("STORE_UNSUPPORTED", `${store.location}: not a store opened by openStore`);
  return d;
}

/**
 * Turn any error thrown while doing `action` on `store` into a StoreError (a StoreError passes through;
 * an unknown driver error becomes STORE_WRITE_FAILED naming the location and the action).
 */
export function toStoreError(store: Store, error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  const known = dialects.get(store)?.classify(error, action);
  if (known) return known;
  const reason = error instanceof Error ? error.message : String(error);
  return new StoreError("STORE_WRITE_FAILED", `${store.location}: ${action} failed: ${reason}`, {
    cause: error,
  });
}
