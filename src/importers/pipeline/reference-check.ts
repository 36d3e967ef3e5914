/**
 * The one reference rule of an import, shared by the strict dry pass and the writing pass: a record's citation
 * must point at a source the store will hold when the record is written (citations are a foreign key) — the
 * file's own Source, a source already stored in the case, or a source record earlier in the file (a source
 * may also cite itself); and each actor reference the mapper could not resolve in the file
 * ({@link MappedRecord.refs}) must name an actor stored in the case or an actor record written earlier in the
 * run. A row breaking either becomes a reject instead of failing its batch or dangling.
 * @module
 */
import type { MappedRecord } from "../mapping/mapped-row.js";
import type { ScannedRow } from "./scan-rows.js";

/** Which of `ids` are sources stored in the import's case. */
export type StoredSourceLookup = (ids: readonly string[]) => Promise<Set<string>>;

/** Which of `ids` are actors stored in the import's case. */
export type StoredActorLookup = (ids: readonly string[]) => Promise<Set<string>>;

/** The reason a row citing an unknown source is rejected (field `citations`). */
export function missingSourceReason(source: string, caseId: string): string {
  return `cites source "${source}", which is not in case ${caseId}`;
}

/** The reason a row naming an unknown actor is rejected (field: where the reference sits, e.g. `perpetrators.0`). */
export function missingActorReason(actor: string, caseId: string): string {
  return `names actor "${actor}", which is not in the file or in case ${caseId}`;
}

const noActors: StoredActorLookup = async () => new Set();

/**
 * Checks rows in file order. Call {@link prepare} with each batch before {@link check}ing its rows: it looks up
 * the batch's cited sources in the store in one query. Remembers every source found or defined, so memory
 * grows with the distinct sources a file cites or holds (one for the event datasets).
 * @example const cc = new ReferenceCheck("import-tocsin", fileSourceId, lookup); await cc.prepare(rows); rows.map((r) => cc.check(r))
 */
export class ReferenceCheck {
  private readonly known = new Set<string>();
  /** Actors stored in the case (as looked up) or written earlier in the run. */
  private readonly actors = new Set<string>();

  constructor(
    private readonly caseId: string,
    fileSourceId: string,
    private readonly lookup: StoredSourceLookup,
    private readonly lookupActors: StoredActorLookup = noActors,
  ) {
    this.known.add(fileSourceId);
  }

  /** Look up the sources `rows` cite and the actors they refer to that are not known yet. */
  async prepare(rows: readonly ScannedRow[]): Promise<void> {
    const ask = new Set<string>();
    const askActors = new Set<string>();
    for (const r of rows) {
      if (r.result.kind !== "record") continue;
      for (const c of r.result.record.value.citations) if (!this.known.has(c.source)) ask.add(c.source);
      for (const ref of r.result.refs ?? []) if (!this.actors.has(ref.id)) askActors.add(ref.id);
    }
    if (ask.size > 0) for (const id of await this.lookup([...ask])) this.known.add(id);
    if (askActors.size > 0) for (const id of await this.lookupActors([...askActors])) this.actors.add(id);
  }

  /**
   * The row as the import must treat it: a record citing a source that is neither stored, the file's, earlier
   * in the file nor itself (a source), or naming an actor neither stored nor written earlier in the run,
   * becomes a reject (one problem per unknown reference); a source or actor record that passes is known to
   * later rows.
   */
  check(r: ScannedRow): ScannedRow {
    const res = r.result;
    if (res.kind !== "record") return r;
    const rec = res.record;
    const self = rec.kind === "source" ? rec.value.id : undefined;
    const missing = rec.value.citations.find((c) => c.source !== self && !this.known.has(c.source));
    const problems = missing
      ? [{ field: "citations", reason: missingSourceReason(missing.source, this.caseId) }]
      : [];
    for (const ref of unknownRefs(res, this.actors))
      problems.push({ field: ref.field, reason: missingActorReason(ref.id, this.caseId) });
    if (problems.length > 0) return { ...r, result: { kind: "reject", problems } };
    if (rec.kind === "source") this.known.add(rec.value.id);
    if (rec.kind === "actor") this.actors.add(rec.value.id);
    return r;
  }
}

/** The actor references of `res` that are not in `known`. */
function unknownRefs(res: MappedRecord, known: ReadonlySet<string>): NonNullable<MappedRecord["refs"]> {
  return (res.refs ?? []).filter((ref) => ref.kind === "actor" && !known.has(ref.id));
}
