/**
 * The keys of one install, kept outside the database: the log signing key (Ed25519) and the field key
 * (AES-256-GCM for source identities and TOTP secrets). By default both live in `<db>.keys/` (mode 0700, files
 * 0600) beside a SQLite file, and are generated on first use: there is no default key.
 * @module
 */
import { existsSync, linkSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { generateLogKey, loadLogKey } from "../../integrity/log-key.file.js";
import type { NoteSigner } from "../../integrity/signed-note.js";
import { loadFieldKeyFile, newFieldKey, parseFieldKey } from "../../security/field-cipher.js";
import type { IdentityCodec } from "../identity-codec.js";
import { redactLocation, StoreError } from "../store-error.js";
import { decryptIdentityRows, encryptIdentityRows, importRowTag } from "./source-identity.cipher.js";

/** Where the keys come from; the composition root fills these from the environment. */
export interface KeySettings {
  /** Log signing key file (`TOCSIN_LOG_KEY_FILE`). */
  readonly logKeyFile?: string;
  /** Field key file (`TOCSIN_FIELD_KEY_FILE`). */
  readonly fieldKeyFile?: string;
  /** Field key as base64 (`TOCSIN_FIELD_KEY`); wins over the default file, not over `fieldKeyFile`. */
  readonly fieldKey?: string;
  /** Log origin and key name used when the log key is created (`TOCSIN_LOG_NAME`). */
  readonly logName?: string;
}

/** The settings named by the usual environment variables (the caller passes the environment in). */
export function keySettingsFromEnv(env: Readonly<Record<string, string | undefined>>): KeySettings {
  return {
    ...(env.TOCSIN_LOG_KEY_FILE ? { logKeyFile: env.TOCSIN_LOG_KEY_FILE } : {}),
    ...(env.TOCSIN_FIELD_KEY_FILE ? { fieldKeyFile: env.TOCSIN_FIELD_KEY_FILE } : {}),
    ...(env.TOCSIN_FIELD_KEY ? { fieldKey: env.TOCSIN_FIELD_KEY } : {}),
    ...(env.TOCSIN_LOG_NAME ? { logName: env.TOCSIN_LOG_NAME } : {}),
  };
}

/** The default log origin for a new install's key. */
export const DEFAULT_LOG_NAME = "tocsin.local/log";

/** The key folder of a store: `<file>.keys` beside SQLite, `./tocsin.keys` for a PostgreSQL URL. */
export function keyDirOf(db: string): string {
  return /^postgres(ql)?:\/\//u.test(db) ? "tocsin.keys" : `${db}.keys`;
}

/** The log key file: explicit setting, else a legacy `<db>.log.key` when present, else `<db>.keys/log.key`. */
export function logKeyFileOf(db: string, settings: KeySettings = {}): string {
  if (settings.logKeyFile) return settings.logKeyFile;
  const legacy = /^postgres(ql)?:\/\//u.test(db) ? "tocsin-log.key" : `${db}.log.key`;
  if (existsSync(legacy)) return legacy;
  return join(keyDirOf(db), "log.key");
}

/** The field key file: explicit setting, else `<db>.keys/field.key`. */
export function fieldKeyFileOf(db: string, settings: KeySettings = {}): string {
  return settings.fieldKeyFile ?? join(keyDirOf(db), "field.key");
}

function ensureDir(file: string): void {
  const dir = dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Create `file` atomically: written in full under a temporary name, then hard-linked into place (which fails
 * if the file exists), so a crash never leaves a half-written key and a concurrent creator's key wins.
 */
function createAtomically(file: string, write: (tmp: string) => void): void {
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
  const file = logKeyFileOf(db, settings);
  if (!existsSync(file))
    createAtomically(file, (tmp) => generateLogKey(tmp, settings.logName ?? DEFAULT_LOG_NAME));
  return loadLogKey(file);
}

/**
 * True when the SQLite file at `db` already holds encrypted source identities. A PostgreSQL URL cannot be
 * asked synchronously here and answers false; so does a file that does not exist or cannot be read (opening
 * the store will then report it).
 */
function holdsEncryptedIdentities(db: string): boolean {
  if (/^postgres(ql)?:\/\//u.test(db) || !existsSync(db)) return false;
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
  if (!settings.fieldKeyFile && !existsSync(file))
    createAtomically(file, (tmp) => writeFileSync(tmp, `${newFieldKey()}\n`, { mode: 0o600, flag: "wx" }));
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
