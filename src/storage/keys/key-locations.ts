/**
 * Where the keys of a store live: `<db>.keys/` beside a SQLite file; for a server store (PostgreSQL) the folder
 * named by `TOCSIN_KEYS` / `--keys DIR`, else `$XDG_DATA_HOME/tocsin/keys/<store id>` (by default
 * `~/.local/share/tocsin/keys/<store id>`), never the working directory. Explicit key files win over both.
 * @module
 */
import { existsSync } from "node:fs";
import { isAbsolute as isAbsolutePath, join } from "node:path";
import { redactLocation, StoreError } from "../store-error.js";

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
  /** The key folder of the store, whatever its kind (`TOCSIN_KEYS` or `--keys DIR`). */
  readonly keysDir?: string;
  /**
   * The folder under which a server store without `keysDir` keeps its key folder, one per store:
   * `$XDG_DATA_HOME/tocsin/keys`, else `$HOME/.local/share/tocsin/keys`.
   */
  readonly serverKeysHome?: string;
}

const isAbsolute = (p: string | undefined): p is string => p !== undefined && isAbsolutePath(p);

/**
 * The settings named by the usual environment variables (the caller passes the environment in). A relative
 * `XDG_DATA_HOME` is ignored, as the XDG Base Directory specification says.
 * @example keySettingsFromEnv({ HOME: "/home/ana" }).serverKeysHome // "/home/ana/.local/share/tocsin/keys"
 */
export function keySettingsFromEnv(env: Readonly<Record<string, string | undefined>>): KeySettings {
  const dataHome = isAbsolute(env.XDG_DATA_HOME)
    ? env.XDG_DATA_HOME
    : isAbsolute(env.HOME)
      ? join(env.HOME, ".local", "share")
      : undefined;
  return {
    ...(env.TOCSIN_LOG_KEY_FILE ? { logKeyFile: env.TOCSIN_LOG_KEY_FILE } : {}),
    ...(env.TOCSIN_FIELD_KEY_FILE ? { fieldKeyFile: env.TOCSIN_FIELD_KEY_FILE } : {}),
    ...(env.TOCSIN_FIELD_KEY ? { fieldKey: env.TOCSIN_FIELD_KEY } : {}),
    ...(env.TOCSIN_LOG_NAME ? { logName: env.TOCSIN_LOG_NAME } : {}),
    ...(env.TOCSIN_KEYS ? { keysDir: env.TOCSIN_KEYS } : {}),
    ...(dataHome ? { serverKeysHome: join(dataHome, "tocsin", "keys") } : {}),
  };
}

/** True for a server store's location (a PostgreSQL URL). */
export function isServerLocation(db: string): boolean {
  return /^postgres(ql)?:\/\//iu.test(db);
}

/** A part of a store id as a file name: ASCII letters, digits, `.` and `_` kept, every other byte `%XX`. */
function fileNamePart(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9._]/u.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/**
 * The name of a server store's key folder: host, port, database and schema (never the user or password),
 * each escaped for a file name and joined by `-`.
 * @example serverStoreId("postgres://u:pw@db.example.org/tocsin?schema=team_a") // "db.example.org-5432-tocsin-team_a"
 */
export function serverStoreId(location: string): string {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw new StoreError("STORE_UNREACHABLE", `${redactLocation(location)} is not a valid PostgreSQL URL`);
  }
  const host = url.searchParams.get("host") ?? (url.hostname || "localhost");
  const database = decodeURIComponent(url.pathname.replace(/^\//u, "")) || decodeURIComponent(url.username);
  const schema = url.searchParams.get("schema");
  return [host, url.port || "5432", database || "postgres", ...(schema ? [schema] : [])]
    .map(fileNamePart)
    .join("-");
}

/**
 * The key folder of the store at `db`: `settings.keysDir` when given; else `<file>.keys` beside a SQLite file;
 * else, for a server store, `<serverKeysHome>/<store id>`.
 * @throws StoreError STORE_UNSAFE for a server store when neither folder is known (no `TOCSIN_KEYS`, no home).
 */
export function keyDirOf(db: string, settings: KeySettings = {}): string {
  if (settings.keysDir) return settings.keysDir;
  if (!isServerLocation(db)) return `${db}.keys`;
  if (settings.serverKeysHome) return join(settings.serverKeysHome, serverStoreId(db));
  throw new StoreError(
    "STORE_UNSAFE",
    `${redactLocation(db)} is a server store: name the folder for its keys with TOCSIN_KEYS or --keys DIR ` +
      "(neither XDG_DATA_HOME nor HOME is set); nothing was created",
  );
}

/** Where earlier versions kept a server store's keys: `./tocsin.keys/` in the working directory. */
export const LEGACY_SERVER_KEY_DIR = "tocsin.keys";

/** The log key file: explicit setting, else a legacy `<db>.log.key` when present, else `<key folder>/log.key`. */
export function logKeyFileOf(db: string, settings: KeySettings = {}): string {
  if (settings.logKeyFile) return settings.logKeyFile;
  if (!settings.keysDir) {
    const legacy = isServerLocation(db) ? "tocsin-log.key" : `${db}.log.key`;
    if (existsSync(legacy)) return legacy;
  }
  return join(keyDirOf(db, settings), "log.key");
}

/** The field key file: explicit setting, else `<key folder>/field.key`. */
export function fieldKeyFileOf(db: string, settings: KeySettings = {}): string {
  return settings.fieldKeyFile ?? join(keyDirOf(db, settings), "field.key");
}
