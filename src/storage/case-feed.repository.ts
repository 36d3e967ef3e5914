/**
 * A stored case's records streamed in the engine's feed order — known day, then kind (sources before what cites
 * them), then id — page by page, so a replay of a million-record import never holds more than one page per kind.
 * Each kind is read by keyset pagination on (known_at, id) and the kinds are merged on the known day; ids are
 * compared in code-point order in both dialects, as the in-memory feed order compares them.
 * @module
 */
import type { Expression } from "kysely";
import { RECORD_KINDS, type RecordKind, type RecordOf } from "../domain/index.js";
import { byteOrdered } from "./dialects/byte-order.js";
import { genericDb, recordTable } from "./records/record-db.js";
import type { RecordColumns } from "./records/record-columns.js";
import { tableOf } from "./records/record-tables.js";
import type { Store } from "./store.js";
import { toStoreError } from "./store-registry.js";

/** One record of the feed, with the hash of its stored content (for a digest of what was replayed). */
export interface FeedRecord<K extends RecordKind = RecordKind> {
  readonly kind: K;
  readonly record: RecordOf<K>;
  readonly contentHash: string;
}

/** Options of {@link caseFeed}. */
export interface CaseFeedOptions {
  /** Rows fetched per query and kind (default 2,000). */
  readonly pageSize?: number;
  /** Only records known on or before this day. */
  readonly knownTo?: string;
  /** Only records known on or after this day. */
  readonly knownFrom?: string;
  /** Only these kinds (default: every kind). */
  readonly kinds?: readonly RecordKind[];
  /**
   * Only records whose event ended on or after this day (`occurred_to >= day`): for a window of events. Kinds in
   * `allKinds` are read whole whatever it says (the context the engine needs: actors, groups, sources…).
   */
  readonly occurredToFrom?: string;
  /** Kinds read whole, ignoring `occurredToFrom`. */
  readonly allKinds?: readonly RecordKind[];
}

type Row = Pick<
  RecordColumns,
  "id" | "occurred_from" | "occurred_to" | "precision" | "known_at" | "content_hash" | "body"
>;

/** One kind's rows, read a page at a time after the last (known_at, id) seen. */
class KindPager {
  private rows: Row[] = [];
  private at = 0;
  private exhausted = false;

  constructor(
    readonly kind: RecordKind,
    private readonly fetch: (after: Row | undefined) => Promise<Row[]>,
    private readonly pageSize: number,
  ) {}

  /** The current row (undefined once the kind is exhausted). */
  get current(): Row | undefined {
    return this.rows[this.at];
  }

  async start(): Promise<void> {
    await this.load(undefined);
  }

  /** Move to the next row: a promise only when the next page must be read. */
  advance(): Promise<void> | undefined {
    this.at += 1;
    if (this.at < this.rows.length || this.exhausted) return undefined;
    return this.load(this.rows[this.rows.length - 1]);
  }

  private async load(after: Row | undefined): Promise<void> {
    this.rows = await this.fetch(after);
    this.at = 0;
    if (this.rows.length < this.pageSize) this.exhausted = true;
  }
}

/**
 * The records of a stored case in the feed order, read page by page (memory: one page per kind). Protected
 * source identities are never read. A case that does not exist yields nothing.
 * @example for await (const { kind, record } of caseFeed(store, "import-ucdp-ged")) run.push(kind, record)
 */
export async function* caseFeed(
  store: Store,
  caseId: string,
  options: CaseFeedOptions = {},
): AsyncGenerator<FeedRecord> {
  for await (const batch of caseFeedBatches(store, caseId, options)) yield* batch;
}

/** Records handed over per batch by {@link caseFeedBatches}. */
const BATCH = 512;

/**
 * {@link caseFeed} in batches of up to 512 records, in the same order: a reader that handles each record at once
 * (a replay) then pays for one promise per batch rather than per record.
 * @example for await (const batch of caseFeedBatches(store, id)) for (const f of batch) run.push(f.kind, f.record)
 */
export async function* caseFeedBatches(
  store: Store,
  caseId: string,
  options: CaseFeedOptions = {},
): AsyncGenerator<readonly FeedRecord[]> {
  const pageSize = options.pageSize ?? 2000;
  const kinds = RECORD_KINDS.filter((k) => options.kinds === undefined || options.kinds.includes(k));
  const pagers = kinds.map(
    (kind) =>
      new KindPager(kind, (after) => fetchPage(store, caseId, kind, after, pageSize, options), pageSize),
  );
  let batch: FeedRecord[] = [];
  try {
    for (const p of pagers) await p.start();
    for (;;) {
      let day: string | undefined;
      for (const p of pagers) {
        const r = p.current;
        if (r !== undefined && (day === undefined || r.known_at < day)) day = r.known_at;
      }
      if (day === undefined) break;
      // Kinds in the feed order (RECORD_KINDS), each drained of the day before the next.
      for (const p of pagers) {
        const spec = tableOf(p.kind);
        for (let r = p.current; r !== undefined && r.known_at === day; r = p.current) {
          const record = spec.fromRow(r as RecordColumns);
          batch.push({ kind: p.kind, record, contentHash: r.content_hash } as FeedRecord);
          if (batch.length >= BATCH) {
            yield batch;
            batch = [];
          }
          const loading = p.advance();
          if (loading) await loading;
        }
      }
    }
  } catch (e) {
    throw toStoreError(store, e, `read case ${caseId}`);
  }
  if (batch.length > 0) yield batch;
}

function fetchPage(
  store: Store,
  caseId: string,
  kind: RecordKind,
  after: Row | undefined,
  pageSize: number,
  options: CaseFeedOptions,
): Promise<Row[]> {
  const id = byteOrdered(store.dialect, "id");
  let q = genericDb(store.db)
    .selectFrom(recordTable(tableOf(kind).table))
    .select(["id", "occurred_from", "occurred_to", "precision", "known_at", "content_hash", "body"])
    .where("case_id", "=", caseId);
  if (options.knownTo !== undefined) q = q.where("known_at", "<=", options.knownTo);
  if (options.knownFrom !== undefined) q = q.where("known_at", ">=", options.knownFrom);
  if (options.occurredToFrom !== undefined && !(options.allKinds ?? []).includes(kind))
    q = q.where("occurred_to", ">=", options.occurredToFrom);
  if (after !== undefined) {
    const k = after.known_at;
    // known_at >= k first, so both dialects range-scan the (case_id, known_at) index.
    q = q
      .where("known_at", ">=", k)
      .where((eb) =>
        eb.or([eb("known_at", ">", k), eb(id as Expression<string>, ">", after.id)]),
      ) as typeof q;
  }
  return q
    .orderBy("known_at")
    .orderBy(id as never)
    .limit(pageSize)
    .execute() as Promise<Row[]>;
}
