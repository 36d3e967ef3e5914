// The two store implementations the contract suite runs against: a fresh SQLite file, and a fresh schema in
// the PostgreSQL at TOCSIN_TEST_PG. Each target can also fingerprint "was anything written?".
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { openStore, type OpenStoreOptions, type Store } from "../../src/storage/index.js";
import { encryptingCodec } from "../../src/storage/keys/install-keys.js";

/** The field key of the contract suites' stores (a fixed test key; an install generates its own). */
export const TEST_FIELD_KEY = Buffer.alloc(32, 7);

/** Open as the CLI does: protected fields encrypted with the field key, unless the options say otherwise. */
export function openTestStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  return openStore(location, { identityCodec: encryptingCodec(TEST_FIELD_KEY), ...options });
}

export interface StoreTarget {
  readonly name: "sqlite" | "postgres";
  /** An empty location (a new file path, or this run's schema emptied, as a URL with `?schema=`). */
  fresh(): Promise<string>;
  open(location: string, options?: OpenStoreOptions): Promise<Store>;
  /**
   * A value that changes whenever anything is committed to the store at `location` (SQLite: another
   * connection's `data_version`; PostgreSQL: the xmin of every row of every table of the schema).
   */
  writeStamp(location: string): Promise<string>;
  /** Remove every location this target created. */
  cleanup(): Promise<void>;
}

export function sqliteTarget(): StoreTarget {
  const dirs: string[] = [];
  const watchers = new Map<string, BetterSqlite3.Database>();
  return {
    name: "sqlite",
    async fresh() {
      const dir = mkdtempSync(path.join(tmpdir(), "tocsin-store-"));
      dirs.push(dir);
      return path.join(dir, "store.db");
    },
    open: openTestStore,
    async writeStamp(location) {
      // data_version is per connection: it moves when *another* connection commits, so keep one watcher open.
      let w = watchers.get(location);
      if (w === undefined) {
        w = new BetterSqlite3(location, { readonly: true });
        watchers.set(location, w);
      }
      return String(w.pragma("data_version", { simple: true }));
    },
    async cleanup() {
      for (const w of watchers.values()) w.close();
      watchers.clear();
      for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
    },
  };
}

export function postgresTarget(url: string): StoreTarget {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  const schemas: string[] = [];
  const schemaOf = (location: string) => new URL(location).searchParams.get("schema") ?? "public";
  return {
    name: "postgres",
    async fresh() {
      // One schema per run: the first call creates it (the store migrates it on open); later calls empty its
      // tables, which is much faster than migrating a new schema for every test.
      const u = new URL(url);
      const existing = schemas[0];
      if (existing !== undefined) {
        const tables = await admin.query<{ table_name: string }>(
          "select table_name from information_schema.tables where table_schema = $1 and table_name not like 'kysely_%'",
          [existing],
        );
        const list = tables.rows.map((r) => `${existing}."${r.table_name}"`).join(", ");
        if (list) await admin.query(`truncate table ${list} cascade`);
        u.searchParams.set("schema", existing);
        return u.toString();
      }
      const schema = `tocsin_test_${randomBytes(6).toString("hex")}`;
      await admin.query(`create schema ${schema}`);
      schemas.push(schema);
      u.searchParams.set("schema", schema);
      return u.toString();
    },
    open: openTestStore,
    async writeStamp(location) {
      const schema = schemaOf(location);
      const tables = await admin.query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = $1 order by table_name",
        [schema],
      );
      const parts: string[] = [];
      for (const { table_name } of tables.rows) {
        const r = await admin.query<{ n: string; x: string | null }>(
          `select count(*)::text as n, string_agg(xmin::text, ',' order by xmin::text) as x from ${schema}."${table_name}"`,
        );
        parts.push(`${table_name}:${r.rows[0]?.n}:${r.rows[0]?.x ?? ""}`);
      }
      return parts.join("|");
    },
    async cleanup() {
      for (const s of schemas.splice(0)) await admin.query(`drop schema if exists ${s} cascade`);
      await admin.end();
    },
  };
}
