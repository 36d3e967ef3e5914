/**
 * Evidence by reference: an alert cites a few records per condition with their total; this query returns all
 * of them — the records a criterion's conditions count for one situation, over a window of event days — a page
 * at a time. It reads only the window's events (plus the context the engine grades them with: actors, groups,
 * sources, reports…) and runs them through the engine's own extractor, so a record counts here exactly when
 * the engine would count it.
 * @module
 */
import { RECORD_KINDS, type Lexicon, type RecordKind, type Report } from "../domain/index.js";
import {
  EvidenceExtractor,
  TIER_NAMES,
  conditionScopes,
  type ConfidenceTier,
  type Fact,
  type ValidRulebook,
} from "../engine/index.js";
import type { Citation } from "../domain/index.js";
import { caseFeed } from "./case-feed.repository.js";
import { readCaseManifest } from "./case.repository.js";
import type { Store } from "./store.js";

/** What to look for. */
export interface EvidenceQueryInput {
  readonly caseId: string;
  /** A situation id as alerts give it: a group in a country, a country's civilians, or a region. */
  readonly situation: string;
  readonly criterion: string;
  /** One condition of the criterion (default: all of them). */
  readonly condition?: string;
  /** First event day (default: any time). */
  readonly from?: string;
  /** Last event day; only records known by then count. */
  readonly to: string;
  /** Records per page (default 100, at most 1,000). */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** A record the query found, as an alert cites it (sources by id only). */
export interface EvidenceRecord {
  readonly record: string;
  readonly kind: string;
  readonly scope: string;
  readonly knownAt: string;
  readonly eventDay: string;
  readonly confidence: ConfidenceTier;
  readonly grade?: string;
  readonly deaths: number;
  readonly civilianDeaths: number;
  readonly displaced: number;
  /** The conditions of the criterion it counts for. */
  readonly conditions: readonly string[];
  readonly citations: readonly Citation[];
}

/** One page of the answer. */
export interface EvidencePage {
  readonly caseId: string;
  readonly situation: string;
  readonly criterion: string;
  readonly conditions: readonly string[];
  readonly from: string | null;
  readonly to: string;
  /** Every record found (all pages). */
  readonly total: number;
  readonly records: readonly EvidenceRecord[];
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

/** A query that cannot be answered as asked (unknown criterion or condition, bad cursor or dates). */
export class EvidenceQueryError extends Error {
  constructor(
    readonly code: "UNKNOWN_CRITERION" | "UNKNOWN_CONDITION" | "BAD_CURSOR" | "BAD_QUERY",
    message: string,
  ) {
    super(message);
    this.name = "EvidenceQueryError";
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_EVIDENCE_PAGE = 1000;

function offsetOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const n = Number(Buffer.from(cursor, "base64url").toString("utf8").replace(/^o:/, ""));
  if (!Number.isInteger(n) || n < 0)
    throw new EvidenceQueryError("BAD_CURSOR", "the cursor is not one this query gave");
  return n;
}

/**
 * Every record the criterion's conditions count for the situation, over the window, in the order the engine
 * read them (a record graded better later appears once, at its best grade known by `to`). Series surges (not
 * records) are not listed.
 * Runs in O(records of the window + context records); memory O(records found).
 * @example await queryEvidence(store, rulebook, { caseId: "import-acled", situation: "SDN/*", criterion: "ongoing-1", to: "2024-05-01" })
 * @returns undefined when the store holds no such case.
 * @throws EvidenceQueryError when the criterion or condition is unknown, or the dates or cursor are invalid.
 */
export async function queryEvidence(
  store: Store,
  rulebook: ValidRulebook,
  input: EvidenceQueryInput,
  lexicon?: Lexicon,
): Promise<EvidencePage | undefined> {
  for (const [name, d] of [
    ["from", input.from],
    ["to", input.to],
  ] as const)
    if (d !== undefined && !DAY.test(d))
      throw new EvidenceQueryError("BAD_QUERY", `${name} must be a YYYY-MM-DD day`);
  const limit = Math.min(MAX_EVIDENCE_PAGE, Math.max(1, Math.floor(input.limit ?? 100)));
  const offset = offsetOf(input.cursor);
  const criterion = (rulebook.plan.criteria?.levelsTopDown ?? [])
    .flatMap((l) => l.criteria)
    .find((c) => c.id === input.criterion);
  if (criterion === undefined)
    throw new EvidenceQueryError(
      "UNKNOWN_CRITERION",
      `no criterion "${input.criterion}" in rulebook ${rulebook.id}`,
    );
  const conditions = criterion.conditions.filter(
    (c) => input.condition === undefined || c.id === input.condition,
  );
  if (conditions.length === 0)
    throw new EvidenceQueryError(
      "UNKNOWN_CONDITION",
      `criterion ${criterion.id} has no condition "${input.condition}"`,
    );
  if ((await readCaseManifest(store, input.caseId)) === undefined) return undefined;

  const slash = input.situation.indexOf("/");
  const situation = {
    id: input.situation,
    country: slash < 0 ? input.situation : input.situation.slice(0, slash),
  };
  const tests = conditions.map((c) => ({
    id: c.id,
    mappings: new Set(c.mappings),
    scopes: new Set(conditionScopes(situation, c.scope)),
  }));
  const found = new Map<string, EvidenceRecord>();
  const onFact = (f: Fact): void => {
    if (f.kind === "series" || f.knownAt > input.to || f.eventDay > input.to) return;
    if (input.from !== undefined && f.eventDay < input.from) return;
    const meets = tests
      .filter((t) => t.scopes.has(f.scope) && f.mappings.some((m) => t.mappings.has(m)))
      .map((t) => t.id);
    if (meets.length === 0) return;
    found.set(`${f.record}\u0000${f.scope}`, {
      record: f.record,
      kind: f.kind,
      scope: f.scope,
      knownAt: f.knownAt,
      eventDay: f.eventDay,
      confidence: TIER_NAMES[f.tier] as ConfidenceTier,
      ...(f.grade === undefined ? {} : { grade: f.grade }),
      deaths: f.deaths,
      civilianDeaths: f.civilianDeaths,
      displaced: f.displaced,
      conditions: meets,
      citations: f.citations,
    });
  };
  const sink = { item: () => undefined, fact: onFact };
  const covered = new Set<string>();
  for await (const { record } of caseFeed(store, input.caseId, { kinds: ["report"] }))
    for (const id of (record as Report).coversIncidents ?? []) covered.add(id);
  const extractor = new EvidenceExtractor(rulebook, {
    coveredIncidents: covered,
    ...(lexicon ? { lexicon } : {}),
  });
  // Events are read from the window on; every other kind whole (they grade and scope the events).
  const context: RecordKind[] = RECORD_KINDS.filter((k) => k !== "incident");
  for await (const { kind, record } of caseFeed(store, input.caseId, {
    knownTo: input.to,
    ...(input.from === undefined ? {} : { occurredToFrom: input.from, allKinds: context }),
  }))
    extractor.push(kind, record as never, sink);
  extractor.flush(sink);
  const all = [...found.values()];
  const next = offset + limit;
  return {
    caseId: input.caseId,
    situation: input.situation,
    criterion: criterion.id,
    conditions: conditions.map((c) => c.id),
    from: input.from ?? null,
    to: input.to,
    total: all.length,
    records: all.slice(offset, next),
    nextCursor: next < all.length ? Buffer.from(`o:${next}`, "utf8").toString("base64url") : null,
  };
}
