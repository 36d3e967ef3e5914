/**
 * The change mark of a PostgreSQL store (storage/store-changes.ts). Every append to the tamper-evident log —
 * which every write of case data makes, in its own transaction — also calls {@link announceChange}: a
 * `pg_notify` that PostgreSQL delivers to every listener when (and only if) the transaction commits. Each
 * process keeps one connection that LISTENs and moves its mark on each notice for its schema; its own commits
 * move the mark at once, when the driver's COMMIT returns (see {@link onCommit}), before the writer answers.
 * Delay for another process's write: the notice's trip (commit → listener's socket → event loop), typically
 * under a millisecond on one host; a request that arrives in that window reads the version known before.
 * The listening connection also reads the store version when asked (`readVersion`): it is otherwise idle,
 * where the pool's connections may all be busy with a write and a case read, which made readers wait.
 * The listener connects on the first look at the mark (a process that never asks, such as a CLI command,
 * opens no extra connection). Until it is listening, and while it is down (lost connection, reconnecting every
 * second), the mark is undefined: every request reads the version from the store, as if there were no mark.
 * @module
 */
import { PostgresAdapter, PostgresDialect, sql, type Driver, type Kysely, type Transaction } from "kysely";
import pg from "pg";
import type { Database } from "../database.js";
import type { StoreChanges } from "../store-changes.js";
import { STORE_VERSION_SQL, versionOfRow, type VersionRow } from "../store-version.js";

/** The notification channel; the payload is the writer's schema, so stores in other schemas ignore it. */
const CHANNEL = "tocsin_store_changed";

/**
 * Inside a writing transaction on PostgreSQL: announce the commit to every process's listener (delivered at
 * commit, dropped on rollback). A no-op on SQLite, whose mark needs no announcement.
 * @example await announceChange(trx);
 */
export async function announceChange(trx: Transaction<Database> | Kysely<Database>): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter)
    await sql`select pg_notify(${CHANNEL}, current_schema())`.execute(trx);
}

/** A PostgresDialect whose driver calls `committed()` after each COMMIT returns. */
export class CommitAwarePostgresDialect extends PostgresDialect {
  constructor(
    config: ConstructorParameters<typeof PostgresDialect>[0],
    private readonly committed: () => void,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const commit = driver.commitTransaction.bind(driver);
    driver.commitTransaction = async (connection) => {
      await commit(connection);
      this.committed();
    };
    return driver;
  }
}

/** The listener's connection settings. */
export interface PostgresListenerConfig {
  readonly connectionString: string;
  readonly options: string;
  /** The store's schema (notices for other schemas are ignored). */
  readonly schema: string | undefined;
}

/** The change mark of a PostgreSQL store, with `onCommit` for its dialect. */
export interface PostgresChanges extends StoreChanges {
  /** Move the mark now (this process committed). */
  onCommit(): void;
}

/**
 * Listen for the store's notices on a connection of its own.
 * @example const changes = postgresChanges({ connectionString, options: "", schema: "public" });
 */
export function postgresChanges(config: PostgresListenerConfig): PostgresChanges {
  let counter = 0;
  let listening = false;
  let closed = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;

  const lost = () => {
    listening = false;
    counter += 1;
    const c = client;
    client = undefined;
    c?.end().catch(() => undefined);
    if (!closed && retry === undefined) {
      retry = setTimeout(() => {
        retry = undefined;
        void connect();
      }, 1000);
      retry.unref();
    }
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: config.connectionString, options: config.options });
    client = c;
    c.on("error", lost);
    c.on("end", () => {
      if (client === c) lost();
    });
    c.on("notification", (n) => {
      if (n.channel === CHANNEL && (config.schema === undefined || n.payload === config.schema)) counter += 1;
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${CHANNEL}`);
      // The listener alone must not keep a process alive that forgot to close its store.
      (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
      if (closed) {
        await c.end();
        return;
      }
      // Writes committed before LISTEN took effect were not heard: move the mark so the version is read again.
      counter += 1;
      listening = true;
    } catch {
      if (client === c) lost();
    }
  };

  // Started by the first look at the mark: a process that never asks (a CLI command) never listens.
  let started = false;
  return {
    mark: () => {
      if (!started && !closed) {
        started = true;
        void connect();
      }
      return listening ? String(counter) : undefined;
    },
    readVersion: () => {
      const c = client;
      if (!listening || c === undefined) return undefined;
      return c.query<VersionRow>(STORE_VERSION_SQL).then((r) => versionOfRow(r.rows[0]));
    },
    onCommit: () => {
      counter += 1;
    },
    close: async () => {
      closed = true;
      listening = false;
      if (retry !== undefined) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
