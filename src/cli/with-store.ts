/**
 * Open the store for one command and always close it; storage errors become clear CLI errors (exit 2).
 * Every store opened here encrypts source identities at rest with the install's field key, and a command
 * that appended to the tamper-evident log ends by signing a checkpoint with the install's log key (both keys
 * outside the database, created on first use); a writing command (`signPending`) also signs leaves a killed
 * command left unsigned.
 * @module
 */
import { FieldCipherError } from "../security/field-cipher.js";
import { LogKeyError } from "../integrity/log-key.file.js";
import { openStore, StoreError, type Store } from "../storage/index.js";
import {
  encryptingCodec,
  installFieldKey,
  installLogKey,
  keySettingsFromEnv,
  type KeySettings,
} from "../storage/keys/index.js";
import { checkpointLog } from "../storage/log/index.js";

import { CliError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { INSTANCE_MODES, type HttpSecurity, type InstanceMode } from "../http/http-security.js";

let defaultSettings: KeySettings = {};

/**
 * Set the key locations every later {@link withStore} uses unless told otherwise; called once by the
 * composition root with what it read from the environment.
 */
export function setStoreKeySettings(settings: KeySettings): void {
  defaultSettings = settings;
}

/** The key settings in force (the composition root's). */
export function storeKeySettings(): KeySettings {
  return defaultSettings;
}

/** Options of {@link withStore}. */
export interface WithStoreOptions {
  /** Key locations for this command (default: the composition root's). */
  readonly keys?: KeySettings;
  /**
   * Open without the field key (none is read or created): protected source fields can then be neither written
   * nor read (STORE_UNSAFE). For commands that never touch them, so they also work on a copy of the database
   * without its key folder (e.g. `log verify` by a partner).
   */
  readonly noFieldKey?: boolean;
  /**
   * Also sign leaves an earlier command left unsigned: one killed between its last commit and its checkpoint
   * (a crash, kill -9). For commands that write, so resuming or repeating one restores a signed tree head even
   * when it has nothing new to write.
   */
  readonly signPending?: boolean;
}

/** The size of the tree the latest checkpoint signed (0 without one). */
async function signedSize(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("log_checkpoints")
    .select((eb) => eb.fn.max("tree_size").as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function leafCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom("log_leaves")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function keyError(e: unknown): never {
  if (e instanceof LogKeyError || e instanceof FieldCipherError) throw new CliError(e.message, 2);
  // A key refused where git would commit it, or a server store with no key folder.
  if (e instanceof StoreError) throw new CliError(e.message, 2, e.code);
  throw e;
}

/** Run `fn` with an open store at `location`, closing it afterwards whatever happens. */
export async function withStore<T>(
  location: string,
  fn: (store: Store) => Promise<T>,
  options: WithStoreOptions = {},
): Promise<T> {
  const keys = options.keys ?? defaultSettings;
  let store: Store;
  try {
    const codec = options.noFieldKey ? undefined : encryptingCodec(installFieldKey(location, keys));
    store = await openStore(location, codec ? { identityCodec: codec } : {});
  } catch (e) {
    return keyError(e);
  }
  try {
    const before = await leafCount(store);
    const result = await fn(store);
    // A command that wrote to the log signs the new tree head, so its writes are covered at once; a writing
    // command also signs what a killed predecessor left unsigned.
    const after = await leafCount(store);
    if (after > before || (options.signPending === true && after > (await signedSize(store)))) {
      let signer;
      try {
        signer = installLogKey(location, keys);
      } catch (e) {
        return keyError(e);
      }
      await checkpointLog(store.db, signer, signer.name);
    }
    return result;
  } catch (e) {
    if (e instanceof StoreError) throw new CliError(e.message, 2, e.code);
    throw e;
  } finally {
    await store.close();
  }
}

/**
 * The HTTP security settings for serving the store at `location`: the instance mode from `TOCSIN_HTTP_MODE`
 * (`public`, the default, or `private`) as the composition root passed it in `ctx.env`, and the install's keys.
 */
export function httpSecurityFor(ctx: CliContext, location: string): HttpSecurity {
  const mode = ctx.env.TOCSIN_HTTP_MODE ?? "public";
  if (!INSTANCE_MODES.includes(mode as InstanceMode))
    throw new CliError(`TOCSIN_HTTP_MODE must be public or private, not "${mode}"`, 2);
  const keys = { ...defaultSettings, ...keySettingsFromEnv(ctx.env) };
  try {
    const signer = installLogKey(location, keys);
    return {
      mode: mode as InstanceMode,
      fieldKey: installFieldKey(location, keys),
      verifier: { name: signer.name, publicKey: signer.publicKey },
      signer,
    };
  } catch (e) {
    return keyError(e);
  }
}
