/**
 * The keys of one install, kept outside the database: the log signing key (Ed25519) and the field key
 * (AES-256-GCM for source identities and TOTP secrets). Both live in the store's key folder (mode 0700, files
 * 0600; see key-locations.ts) and are generated on first use: there is no default key. A key is never created
 * inside a git work tree that does not ignore it, nor beside keys an earlier version left for the same store.
 * @module
 */
import { existsSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { generateLogKey, loadLogKey } from "../../integrity/log-key.file.js";
import type { NoteSigner } from "../../integrity/signed-note.js";
import { loadFieldKeyFile, newFieldKey, parseFieldKey } from "../../security/field-cipher.js";
import type { IdentityCodec } from "../identity-codec.js";
import { redactLocation, StoreError } from "../store-error.js";
import {
  decryptIdentityRows,
  encryptIdentityRows,
  importRowTag,
} from "../confidential/source-identity.cipher.js";
import { refuseUnignoredKeyFile } from "./key-folder-guard.js";
import {
  fieldKeyFileOf,
  isServerLocation,
  keyDirOf,
  LEGACY_SERVER_KEY_DIR,
  logKeyFileOf,
  type KeySettings,
} from "./key-locations.js";

export {
  fieldKeyFileOf,
  isServerLocation,
  keyDirOf,
  keySettingsFromEnv,
  logKeyFileOf,
  serverStoreId,
  type KeySettings,
} from "./key-locations.js";

/** The default log origin for a new install's key. */
export const DEFAULT_LOG_NAME = "tocsin.local/log";

function ensureDir(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Refuse to create a server store's key in its default folder while the folder earlier versions used
 * (`./tocsin.keys/`) holds that key: a second key would not open what the first one sealed or signed.
 */
function refuseBesideLegacyKey(db: string, settings: KeySettings, file: string): void {
  if (
    !isServerLocation(db) ||
    settings.keysDir ||
    resolve(file) !== resolve(keyDirOf(db, settings), basename(file))
  )
    return;
  const legacy = join(LEGACY_SERVER_KEY_DIR, basename(file));
  if (!existsSync(legacy)) return;
  throw new StoreError(
    "STORE_UNSAFE",
    `${resolve(legacy)} holds a key earlier versions kept for a PostgreSQL store in the working directory; ` +
      `a server store's keys now live in ${keyDirOf(db, settings)}: move them there (or name the folder with ` +
      "TOCSIN_KEYS or --keys DIR); no new key was created",
  );
}

/**
 * Create `file` atomically: written in full under a temporary name, then hard-linked into place (which fails
 * if the file exists), so a crash never leaves a half-written key and a concurrent creator's key wins. Refused
 * first (nothing created) where git would commit it.
 */
function createAtomically(file: string, write: (tmp: string) => void): void {
  refuseUnignoredKeyFile(file);
  ensureDir(file);
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  write(tmp);
  try {
    linkSync(tmp, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  } finally {
    unlinkSync(tmp);
  }
}

/** The log signing key of the store at `db`, created (0600) on first use. */
export function installLogKey(db: string, settings: KeySettings = {}): NoteSigner {
  return initLogKey(db, settings).signer;
}

/**
 * The log signing key of the store at `db`, and whether this call created it (`tocsin log init`).
 * @example initLogKey("./tocsin.db", { logName: "tocsin.example.org/log" }) // { signer, file, created: true }
 */
export function initLogKey(
  db: string,
  settings: KeySettings = {},
): { signer: NoteSigner; file: string; created: boolean } {
  const file = logKeyFileOf(db, settings);
  let created = false;
  if (!existsSync(file)) {
    refuseBesideLegacyKey(db, settings, file);
    createAtomically(file, (tmp) => generateLogKey(tmp, settings.logName ?? DEFAULT_LOG_NAME));
    created = true;
  }
  return { signer: loadLogKey(file), file, created };
}

/**
 * True when the SQLite file at `db` already holds encrypted source identities. A PostgreSQL URL cannot be
 * asked synchronously here and answers false; so does a file that does not exist or cannot be read (opening
 * the store will then report it).
 */
function holdsEncryptedIdentities(db: string): boolean {
  if (isServerLocation(db) || !existsSync(db)) return false;
  let conn: BetterSqlite3.Database | undefined;
  try {
    conn = new BetterSqlite3(db, { readonly: true, fileMustExist: true });
    const table = conn
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'source_identities'")
      .get();
    if (table === undefined) return false;
    return (
      conn.prepare("SELECT 1 FROM source_identities WHERE value LIKE 'enc:v1:%' LIMIT 1").get() !== undefined
    );
  } catch {
    return false;
  } finally {
    conn?.close();
  }
}

/**
 * The field key of the store at `db`: from the settings, else the key file, created (0600) on first use —
 * but never for a store that already holds ciphertext (a database copied without its key folder): a new key
 * could not decrypt it and would silently mix two keys in one store.
 * @throws StoreError STORE_UNSAFE naming where the key was expected (never a key).
 */
export function installFieldKey(db: string, settings: KeySettings = {}): Buffer {
  if (!settings.fieldKeyFile && settings.fieldKey) return parseFieldKey(settings.fieldKey);
  const file = fieldKeyFileOf(db, settings);
  if (!settings.fieldKeyFile && !existsSync(file) && holdsEncryptedIdentities(db))
    throw new StoreError(
      "STORE_UNSAFE",
      `${redactLocation(db)} holds encrypted source identities but its field key ${file} is missing: ` +
        "restore the key folder beside the database, or name the key with TOCSIN_FIELD_KEY_FILE or " +
        "TOCSIN_FIELD_KEY; no new key is generated for it",
    );
  if (!settings.fieldKeyFile && !existsSync(file)) {
    refuseBesideLegacyKey(db, settings, file);
    createAtomically(file, (tmp) => writeFileSync(tmp, `${newFieldKey()}\n`, { mode: 0o600, flag: "wx" }));
  }
  return loadFieldKeyFile(file);
}

/** The identity codec that encrypts source identities with `key` (AES-256-GCM, bound to case/source/field). */
export function encryptingCodec(key: Buffer): IdentityCodec {
  return {
    encode: (rows) => encryptIdentityRows(key, rows),
    decode: (rows) => decryptIdentityRows(key, rows),
    tag: (text) => importRowTag(key, text),
  };
}
