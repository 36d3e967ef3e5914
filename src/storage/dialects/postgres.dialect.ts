/**
 * PostgreSQL through a `pg` Pool: optional schema (`?schema=NAME` in the URL sets the search_path of every
 * connection), read-only sessions, JSON read back as text so rows look the same as SQLite's, and the mapping
 * of PostgreSQL error codes to StoreErrors. The password never appears in a message.
 * @module
 */
import { Kysely } from "kysely";
import { CommitAwarePostgresDialect, postgresChanges } from "./postgres-store-changes.js";
import pg from "pg";
import type { Database } from "../database.js";
import { StoreError, scrub } from "../store-error.js";
import type { OpenStoreOptions } from "../store.js";
import { byteOrdered } from "./byte-order.js";
import type { OpenedDialect } from "./dialect.js";

const OID_INT8 = 20;
const OID_JSON = 114;
const OID_JSONB = 3802;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** True when the location selects PostgreSQL. */
export function isPostgresLocation(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Split `?schema=NAME` off a PostgreSQL URL; the rest goes to the driver. */
export function parsePostgresLocation(location: string): { url: string; schema?: string; password?: string } {
  const url = new URL(location);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  return { url: url.toString(), schema, password };
}

/**
 * Translate a pg error (SQLSTATE in `code`, or a Node socket error code).
 * @example classifyPostgresError({ code: "ECONNREFUSED" }, "postgres://h/db", undefined, "open") // STORE_UNREACHABLE
 */
export function classifyPostgresError(
  error: unknown,
  printable: string,
  secret: string | undefined,
  action: string,
): StoreError | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  const raw = error instanceof Error ? error.message : String(error);
  const detail = scrub(raw, secret);
  const cause = { cause: error };
  if (typeof code !== "string") {
    if (/timeout|terminated|connect/i.test(raw)) {
      return new StoreError("STORE_UNREACHABLE", `${printable} is unreachable (${detail})`, cause);
    }
    return undefined;
  }
  if (
    ["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN"].includes(code) ||
    /^(08|28|3D)/.test(code)
  ) {
    return new StoreError(
      "STORE_UNREACHABLE",
      `${printable} is unreachable or refused the login (${detail})`,
      cause,
    );
  }
  if (code === "25006")
    return new StoreError("STORE_READONLY", `${printable} is read-only: cannot ${action}`, cause);
  if (code === "55P03" || code === "40P01" || code === "40001") {
    return new StoreError(
      "STORE_LOCKED",
      `${printable}: ${action} conflicts with another transaction (${detail}); try again`,
      cause,
    );
  }
  if (code.startsWith("23")) {
    return new StoreError(
      "STORE_WRITE_FAILED",
      `${printable}: ${action} violates a constraint (${detail}); nothing was written`,
      cause,
    );
  }
  if (code === "XX001" || code === "XX002") {
    return new StoreError("STORE_CORRUPT", `${printable}: data corrupted (${detail})`, cause);
  }
  return undefined;
}

/** Open a pool, check the server answers, and return the Kysely instance. */
export async function openPostgres(
  location: string,
  printable: string,
  options: OpenStoreOptions,
): Promise<OpenedDialect> {
  let parsed: ReturnType<typeof parsePostgresLocation>;
  try {
    parsed = parsePostgresLocation(location);
  } catch (e) {
    throw new StoreError("STORE_UNREACHABLE", `${printable} is not a valid PostgreSQL URL`, { cause: e });
  }
  const { url, schema, password } = parsed;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError("STORE_UNREACHABLE", `${printable}: schema must be a plain identifier`);
  }
  const settings: string[] = [];
  if (schema !== undefined) settings.push(`-c search_path=${schema}`);
  if (options.readonly === true) settings.push("-c default_transaction_read_only=on");
  // Like SQLite's busy timeout: wait this long for a lock another session holds, then fail with STORE_LOCKED.
  settings.push(`-c lock_timeout=${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
  const pool = new pg.Pool({
    connectionString: url,
    options: settings.join(" "),
    max: 4,
    connectionTimeoutMillis: 10_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === OID_JSON || oid === OID_JSONB) return (v: string) => v;
        if (oid === OID_INT8) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format as "text");
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process with an unhandled 'error' event.
  pool.on("error", () => undefined);
  const classify = (error: unknown, action: string): StoreError | undefined =>
    classifyPostgresError(error, printable, password, action);
  let current: string | undefined;
  try {
    const r = await pool.query<{ s: string | null }>("select current_schema() as s");
    current = r.rows[0]?.s ?? undefined;
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw (
      classify(e, "open") ??
      new StoreError("STORE_UNREACHABLE", `${printable} cannot be used (${scrub(String(e), password)})`, {
        cause: e,
      })
    );
  }
  const changes = postgresChanges({ connectionString: url, options: settings.join(" "), schema: current });
  const db = new Kysely<Database>({ dialect: new CommitAwarePostgresDialect({ pool }, changes.onCommit) });
  return {
    db,
    // Kysely looks for its migration tables in every schema unless told which: name the current one, so a
    // store in one schema is not confused by another store's tables in the same database.
    context: {
      dialect: "postgres",
      types: { json: "jsonb", real: "double precision" },
      wrapMigrations: false,
      byteOrdered: (column) => byteOrdered("postgres", column),
      migrationSchema: current,
    },
    classify,
    changes,
    backup: async () => {
      throw new StoreError(
        "STORE_UNSUPPORTED",
        `${printable}: online backup is for SQLite stores; use pg_dump for PostgreSQL`,
      );
    },
    close: async () => {
      await changes.close();
      await db.destroy();
    },
  };
}
