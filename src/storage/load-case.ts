/**
 * Loading a case bundle into the store: one transaction, idempotent by per-record content hash. New records
 * are inserted, changed ones updated, records no longer in the case deleted; an identical load writes nothing.
 * On any failure nothing is written and a StoreError says why.
 * @module
 */
import type { Transaction } from "kysely";
import {
  RECORD_KINDS,
  actorReferences,
  type CaseBundle,
  type RecordKind,
  type RecordOf,
} from "../domain/index.js";
import type { Database } from "./database.js";
import type { LoadCounts, LoadReport } from "./load-report.js";
import { canonicalJson, sha256Hex } from "./records/canonical-json.js";
import type { CitationRow } from "./records/citation.table.js";
import { genericDb, recordTable } from "./records/record-db.js";
import type { RecordRefRow } from "./records/record-ref.table.js";
import { tableOf } from "./records/record-tables.js";
import { sourceToIdentityRows, storedSourceCitations } from "./records/source.mapper.js";
import type { SourceIdentityRow } from "./records/source.table.js";
import { StoreError } from "./store-error.js";
import type { Store } from "./store.js";
import { identityCodecOf, toStoreError } from "./store-registry.js";
import type { IdentityCodec } from "./identity-codec.js";
import { logCaseLoad } from "./log/log-case-load.js";
import { replaceBackfills, type BackfillMark } from "./writes/backfill.repository.js";

/** Rows per INSERT statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 100;

/** What one kind's part of a load changed, by record id (passed to {@link LoadCaseOptions.afterWrite}). */
export interface LoadKindChanges {
  readonly kind: RecordKind;
  readonly insert: readonly { readonly id: string }[];
  readonly update: readonly { readonly id: string }[];
  readonly remove: readonly string[];
}

export interface LoadCaseOptions {
  /** ISO timestamp recorded as the case's `loaded_at` when something changed (default: now). */
  readonly loadedAt?: string;
  /** Who is loading, as recorded in the tamper-evident log (a user id, `cli`); never a source's name. */
  readonly actor?: string;
  /**
   * Called inside the load's transaction after every row is written, only when something changed (e.g. to
   * append the changes to the evidence log). If it throws, the whole load is rolled back.
   */
  /**
   * The case's backfill marks as an exported folder keeps them (`provenance/backfills.json`): when given, they
   * replace the stored ones (entered by `actor`); when absent, stored marks are left as they are.
   */
  readonly backfills?: readonly BackfillMark[];
  readonly afterWrite?: (
    trx: Transaction<Database>,
    caseId: string,
    manifest: "inserted" | "updated" | "unchanged",
    changes: readonly LoadKindChanges[],
  ) => Promise<void>;
}

interface KindPlan<K extends RecordKind> {
  readonly kind: K;
  readonly insert: RecordOf<K>[];
  readonly update: RecordOf<K>[];
  readonly unchanged: number;
  readonly remove: string[];
}

/**
 * Load `bundle` into `store` atomically and idempotently.
 * @example const report = await loadCase(store, bundle); report.totals.inserted
 * @throws StoreError (STORE_WRITE_FAILED for a constraint violation, STORE_LOCKED, STORE_READONLY…); nothing is written then.
 */
export async function loadCase(
  store: Store,
  bundle: CaseBundle,
  options: LoadCaseOptions = {},
): Promise<LoadReport> {
  const caseId = bundle.manifest.id;
  try {
    return await store.db
      .transaction()
      .execute((trx) => loadInTransaction(trx, bundle, options, identityCodecOf(store)));
  } catch (e) {
    throw toStoreError(store, e, `load case ${caseId}`);
  }
}

async function loadInTransaction(
  trx: Transaction<Database>,
  bundle: CaseBundle,
  options: LoadCaseOptions,
  codec: IdentityCodec,
): Promise<LoadReport> {
  const caseId = bundle.manifest.id;
  const manifestJson = canonicalJson(bundle.manifest);
  const manifestHash = sha256Hex(manifestJson);
  const existingCase = await trx
    .selectFrom("cases")
    .select(["content_hash"])
    .where("id", "=", caseId)
    .executeTakeFirst();

  const plans: KindPlan<RecordKind>[] = [];
  for (const kind of RECORD_KINDS) plans.push(await planKind(trx, caseId, kind, bundle.records[kind], codec));

  const changedRecords = plans.some((p) => p.insert.length + p.update.length + p.remove.length > 0);
  const manifest: LoadReport["manifest"] =
    existingCase === undefined
      ? "inserted"
      : existingCase.content_hash === manifestHash
        ? "unchanged"
        : "updated";

  if (manifest !== "unchanged" || changedRecords) {
    const caseRow = {
      title: bundle.manifest.title,
      manifest: manifestJson,
      content_hash: manifestHash,
      loaded_at: options.loadedAt ?? new Date().toISOString(),
    };
    if (existingCase === undefined)
      await trx
        .insertInto("cases")
        .values({ id: caseId, ...caseRow })
        .execute();
    else await trx.updateTable("cases").set(caseRow).where("id", "=", caseId).execute();
    await applyPlans(trx, caseId, plans, codec);
    // Every change is a leaf of the tamper-evident log, in the same transaction as the rows it vouches for.
    await logCaseLoad(trx, caseId, manifest, plans, options.actor);
    if (options.afterWrite) await options.afterWrite(trx, caseId, manifest, plans);
  }
  if (options.backfills !== undefined)
    await replaceBackfills(trx, caseId, options.backfills, options.actor ?? "case-load");

  const byKind = {} as Record<RecordKind, LoadCounts>;
  const totals = { inserted: 0, updated: 0, unchanged: 0, deleted: 0 };
  for (const p of plans) {
    const c = {
      inserted: p.insert.length,
      updated: p.update.length,
      unchanged: p.unchanged,
      deleted: p.remove.length,
    };
    byKind[p.kind] = c;
    totals.inserted += c.inserted;
    totals.updated += c.updated;
    totals.unchanged += c.unchanged;
    totals.deleted += c.deleted;
  }
  return { caseId, manifest, byKind, totals, changed: manifest !== "unchanged" || changedRecords };
}

/** Compare the bundle's records of one kind with the stored hashes (and, for sources, identities). */
async function planKind<K extends RecordKind>(
  trx: Transaction<Database>,
  caseId: string,
  kind: K,
  records: readonly RecordOf<K>[],
  codec: IdentityCodec,
): Promise<KindPlan<K>> {
  const spec = tableOf(kind);
  const stored = await genericDb(trx)
    .selectFrom(recordTable(spec.table))
    .select(["id", "content_hash"])
    .where("case_id", "=", caseId)
    .execute();
  const hashes = new Map(stored.map((r) => [r.id, r.content_hash]));
  const identities = kind === "source" ? await storedIdentities(trx, caseId, codec) : undefined;
  const plan: KindPlan<K> = { kind, insert: [], update: [], unchanged: 0, remove: [] };
  const seen = new Set<string>();
  let unchanged = 0;
  for (const record of records) {
    const id = (record as { id: string }).id;
    if (seen.has(id)) {
      // Caught here because an identical duplicate would otherwise pass as "unchanged" without touching a key.
      throw new StoreError(
        "STORE_WRITE_FAILED",
        `case ${caseId}: two ${kind} records have the id "${id}"; nothing was written`,
      );
    }
    seen.add(id);
    const old = hashes.get(id);
    if (old === undefined) {
      plan.insert.push(record);
      continue;
    }
    const same =
      old === spec.toRow(caseId, record).content_hash &&
      (identities === undefined ||
        (identities.get(id) ?? EMPTY_IDENTITY) ===
          identityKey(sourceToIdentityRows(caseId, record as RecordOf<"source">)));
    if (same) unchanged += 1;
    else plan.update.push(record);
  }
  for (const id of hashes.keys()) if (!seen.has(id)) plan.remove.push(id);
  return { ...plan, unchanged };
}

/** Sources without identity rows compare equal to an empty identity. */
const EMPTY_IDENTITY = identityKey([]);

function identityKey(rows: readonly Pick<SourceIdentityRow, "field" | "value">[]): string {
  return canonicalJson([...rows].map((r) => [r.field, r.value]).sort());
}

async function storedIdentities(
  trx: Transaction<Database>,
  caseId: string,
  codec: IdentityCodec,
): Promise<Map<string, string>> {
  // Compared decoded: an encrypted value differs at every write, its plaintext does not.
  const rows = codec.decode(
    await trx.selectFrom("source_identities").selectAll().where("case_id", "=", caseId).execute(),
  );
  const bySource = new Map<string, SourceIdentityRow[]>();
  for (const r of rows) bySource.set(r.source_id, [...(bySource.get(r.source_id) ?? []), r]);
  const out = new Map<string, string>();
  for (const [id, list] of bySource) out.set(id, identityKey(list));
  return out;
}

/**
 * Write the plans. Order matters for the foreign keys: derived rows of changed records go first, then deleted
 * records (sources last, so a source still cited by a kept record fails the load), then updates and inserts,
 * then the derived rows again.
 */
async function applyPlans(
  trx: Transaction<Database>,
  caseId: string,
  plans: readonly KindPlan<RecordKind>[],
  codec: IdentityCodec,
): Promise<void> {
  const g = genericDb(trx);
  for (const p of plans) {
    const touched = [...p.update.map((r) => r.id), ...p.remove];
    for (const ids of chunks(touched)) {
      await trx
        .deleteFrom("citations")
        .where("case_id", "=", caseId)
        .where("record_kind", "=", p.kind)
        .where("record_id", "in", ids)
        .execute();
      await trx
        .deleteFrom("record_refs")
        .where("case_id", "=", caseId)
        .where("record_kind", "=", p.kind)
        .where("record_id", "in", ids)
        .execute();
      if (p.kind === "incident")
        await trx
          .deleteFrom("incident_acts")
          .where("case_id", "=", caseId)
          .where("incident_id", "in", ids)
          .execute();
      if (p.kind === "source")
        await trx
          .deleteFrom("source_identities")
          .where("case_id", "=", caseId)
          .where("source_id", "in", ids)
          .execute();
    }
  }
  const removalOrder = [...plans].sort((a, b) => Number(a.kind === "source") - Number(b.kind === "source"));
  for (const p of removalOrder) {
    const table = recordTable(tableOf(p.kind).table);
    for (const ids of chunks(p.remove))
      await g.deleteFrom(table).where("case_id", "=", caseId).where("id", "in", ids).execute();
  }
  for (const p of plans) {
    const spec = tableOf(p.kind);
    const table = recordTable(spec.table);
    for (const record of p.update) {
      const { case_id: _c, id, ...columns } = spec.toRow(caseId, record);
      await g.updateTable(table).set(columns).where("case_id", "=", caseId).where("id", "=", id).execute();
    }
    for (const batch of chunks(p.insert))
      await g
        .insertInto(table)
        .values(batch.map((r) => spec.toRow(caseId, r)))
        .execute();
  }
  for (const p of plans) await insertDerived(trx, caseId, p.kind, [...p.update, ...p.insert], codec);
}

/** Citations, actor/group references, incident acts and source identities of the given records. */
export async function insertDerived(
  trx: Transaction<Database>,
  caseId: string,
  kind: RecordKind,
  records: readonly RecordOf<RecordKind>[],
  codec: IdentityCodec,
): Promise<void> {
  const citations: CitationRow[] = [];
  const refs: RecordRefRow[] = [];
  const acts: { case_id: string; incident_id: string; act: string }[] = [];
  const identities: SourceIdentityRow[] = [];
  for (const r of records) {
    // A confidential source's own citations are sealed with its identity: their rows keep no locator.
    const cited = kind === "source" ? storedSourceCitations(r as RecordOf<"source">) : r.citations;
    cited.forEach((c, seq) =>
      citations.push({
        case_id: caseId,
        record_kind: kind,
        record_id: r.id,
        seq,
        source_id: c.source,
        locator: c.locator,
      }),
    );
    const seenRef = new Set<string>();
    const push = (ref_kind: string, ref_id: string, field: string) => {
      const key = `${ref_kind}\u0000${ref_id}\u0000${field}`;
      if (seenRef.has(key)) return;
      seenRef.add(key);
      refs.push({ case_id: caseId, record_kind: kind, record_id: r.id, ref_kind, ref_id, field });
    };
    for (const a of actorReferences(kind, r)) push("actor", a.actor, a.field);
    const group = (r as { targetGroup?: string }).targetGroup;
    if (group !== undefined) push("group", group, "targetGroup");
    for (const g of (r as { targetGroups?: readonly string[] }).targetGroups ?? [])
      push("group", g, "targetGroups");
    if (kind === "incident")
      for (const act of new Set((r as RecordOf<"incident">).acts))
        acts.push({ case_id: caseId, incident_id: r.id, act });
    if (kind === "source") identities.push(...sourceToIdentityRows(caseId, r as RecordOf<"source">));
  }
  for (const b of chunks(citations)) await trx.insertInto("citations").values(b).execute();
  for (const b of chunks(refs)) await trx.insertInto("record_refs").values(b).execute();
  for (const b of chunks(acts)) await trx.insertInto("incident_acts").values(b).execute();
  for (const b of chunks(codec.encode(identities)))
    await trx.insertInto("source_identities").values(b).execute();
}

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
