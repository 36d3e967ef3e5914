// Property tests: for every record kind, domain → row → domain is the identity, and row → domain → row too.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACT_TYPES,
  ACTION_KINDS,
  ACTOR_KINDS,
  ACTOR_ROLES,
  CASE_OUTCOMES,
  CHANNELS,
  CREDIBILITY,
  FINDING_TAGS,
  GROUP_KINDS,
  INVOLVEMENT,
  LEGAL_BASES,
  QUALIFICATIONS,
  RECORD_KINDS,
  REFUSAL_REASONS,
  RELIABILITY,
  RESPONSE_KINDS,
  SOURCE_KINDS,
  TASK_CATEGORIES,
  TASKINGS,
  redactSource,
  type RecordKind,
  type RecordOf,
  type RedactedSource,
} from "../../domain/index.js";
import { tableOf } from "./record-tables.js";
import { sourceRowToSource, sourceToIdentityRows, sourceToRow } from "./source.mapper.js";

const id = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/);
const text = fc.string({ maxLength: 40 });
const dayArb = fc
  .date({ min: new Date("1800-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const when = fc
  .tuple(
    dayArb,
    dayArb,
    fc.constantFrom("day", "month", "year", "range") as fc.Arbitrary<"day" | "month" | "year" | "range">,
  )
  .map(([a, b, precision]) => ({ from: a <= b ? a : b, to: a <= b ? b : a, precision }));
const count = fc.nat({ max: 1_000_000 });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/** Drop keys whose value is undefined: absent and undefined are the same to JSON. */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

const base = {
  id,
  occurredAt: when,
  knownAt: dayArb,
  citations: fc.array(fc.record({ source: id, locator: text }), { maxLength: 3 }),
  notes: opt(text),
};
const estimate = fc.record({ low: opt(count), best: opt(count), high: opt(count) });

const ARBS: { [K in RecordKind]: fc.Arbitrary<RecordOf<K>> } = {
  actor: fc.record({
    ...base,
    kind: pick(ACTOR_KINDS),
    name: text,
    aliases: opt(fc.array(text)),
    memberOf: opt(id),
    side: opt(id),
    country: opt(fc.constant("XVL")),
    dutyBearer: fc.boolean(),
    roles: fc.array(pick(ACTOR_ROLES)),
  }),
  group: fc.record({ ...base, name: text, kind: pick(GROUP_KINDS), countries: fc.array(fc.constant("XVL")) }),
  source: fc.record({
    ...base,
    kind: pick(SOURCE_KINDS),
    title: text,
    author: opt(text),
    reliability: pick(RELIABILITY),
    credibility: pick(CREDIBILITY),
    confidential: fc.boolean(),
    protectedIdentity: opt(
      fc.record({
        name: opt(text),
        contact: opt(text),
        exactPlace: opt(text),
        device: opt(text),
        description: opt(text),
      }),
    ),
  }),
  incident: fc.record({
    ...base,
    summary: text,
    acts: fc.array(pick(ACT_TYPES)),
    place: fc.record({
      country: fc.constant("XVL"),
      admin1: opt(text),
      lat: opt(fc.double({ min: -90, max: 90, noNaN: true })),
      lon: opt(fc.double({ min: -180, max: 180, noNaN: true })),
    }),
    perpetrators: fc.array(id),
    targetGroup: opt(id),
    targets: opt(fc.array(id)),
    fatalities: opt(estimate),
    organised: pick(INVOLVEMENT),
    stateInvolvement: pick(INVOLVEMENT),
  }),
  report: fc.record({
    ...base,
    title: text,
    authors: fc.array(id),
    country: opt(fc.constant("XVL")),
    findings: fc.array(fc.record({ text, tags: fc.array(pick(FINDING_TAGS)) })),
    qualification: pick(QUALIFICATIONS),
    recommendations: fc.array(
      fc.record({
        text,
        strength: pick(["strong", "moderate", "weak"] as const),
        addressees: opt(fc.array(id)),
      }),
    ),
    mentionsGenocideRisk: fc.boolean(),
  }),
  warning: fc.record({
    ...base,
    sender: id,
    recipients: fc.array(id, { minLength: 1 }),
    channel: pick(CHANNELS),
    summary: text,
    requestedActions: fc.array(
      fc.record({
        id,
        kind: pick(ACTION_KINDS),
        description: text,
        addressees: opt(fc.array(id)),
        dueAt: opt(dayArb),
      }),
    ),
    evidence: fc.array(id),
    origin: pick(["human", "engine"] as const),
  }),
  response: fc.record({
    ...base,
    actor: id,
    kind: pick(RESPONSE_KINDS),
    summary: text,
    warning: opt(id),
    requestedAction: opt(id),
    refusalReason: opt(pick(REFUSAL_REASONS)),
    extent: opt(pick(["full", "partial"] as const)),
  }),
  commitment: fc.record({
    ...base,
    actor: id,
    kind: pick(["threat", "promise", "conditional"] as const),
    measure: text,
    addressee: opt(id),
    followUpDue: opt(dayArb),
    delivered: fc.constantFrom(true, false, null),
    deliveredBy: opt(id),
  }),
  mandate: fc.record({
    ...base,
    body: id,
    mission: id,
    resolution: opt(text),
    legalBasis: pick(LEGAL_BASES),
    tasks: fc.array(fc.record({ text, category: pick(TASK_CATEGORIES) })),
    troopCeiling: opt(count),
    endedAt: opt(dayArb),
  }),
  capability: fc.record({
    ...base,
    force: id,
    owner: opt(id),
    size: opt(count),
    location: text,
    timeToReachHours: opt(fc.double({ min: 0, max: 1000, noNaN: true })),
    tasking: pick(TASKINGS),
    summary: text,
    hypothetical: opt(fc.boolean()),
  }),
  statement: fc.record({
    ...base,
    actor: id,
    language: fc.constantFrom("en", "fr", "rw"),
    text: opt(text),
    summary: text,
    terms: fc.array(text),
  }),
  tribunal: fc.record({
    ...base,
    actor: id,
    name: text,
    mandate: fc.record({
      temporal: fc.record({ from: dayArb, to: dayArb }),
      territorial: fc.array(fc.constant("XVL")),
      subjectMatter: fc.array(text),
    }),
    budget: opt(fc.record({ totalUsd: count, approximate: fc.boolean() })),
    aggregates: opt(fc.record({ convicted: opt(count), acquitted: opt(count) })),
  }),
  tribunalCase: fc.record({
    ...base,
    tribunal: id,
    accused: id,
    charges: fc.array(text),
    outcome: pick(CASE_OUTCOMES),
    sentence: opt(text),
    reportedDetention: opt(
      fc.record({ beforeFirstJudgment: opt(fc.record({ years: count, approximate: fc.boolean() })) }),
    ),
  }),
} as never;

describe("record mappers", () => {
  for (const kind of RECORD_KINDS) {
    it(`${kind}: row → domain ∘ domain → row is the identity`, () => {
      const spec = tableOf(kind);
      fc.assert(
        fc.property(ARBS[kind] as fc.Arbitrary<RecordOf<RecordKind>>, id, (generated, caseId) => {
          const record = clean(generated);
          const row = spec.toRow(caseId, record as never);
          expect(row.case_id).toBe(caseId);
          const back = spec.fromRow(row);
          if (kind === "source") {
            const { protectedIdentity: _p, ...withoutIdentity } = record as RecordOf<"source">;
            // A confidential source's row holds only what an unentitled viewer sees.
            const { redacted: _r, ...placeholder } = redactSource(withoutIdentity, false) as RedactedSource;
            expect(back).toEqual(withoutIdentity.confidential ? placeholder : withoutIdentity);
          } else {
            expect(back).toEqual(record);
          }
          expect(spec.toRow(caseId, back as never)).toEqual(row);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("source: the protected identity never enters the row and comes back only with its identity rows", () => {
    fc.assert(
      fc.property(ARBS.source, (generated) => {
        const source = clean(generated);
        const row = sourceToRow("c", source);
        expect(JSON.parse(row.body)).not.toHaveProperty("protectedIdentity");
        const identities = sourceToIdentityRows("c", source);
        const back = sourceRowToSource(row, identities);
        const hasFields =
          source.protectedIdentity !== undefined && Object.keys(source.protectedIdentity).length > 0;
        // An identity with no field has nothing to store, so it reads back as no identity at all.
        expect(back).toEqual(hasFields ? source : clean({ ...source, protectedIdentity: undefined }));
        const sealed = source.confidential
          ? ["title", "citations", "author", "notes"]
              .filter((f) => (source as unknown as Record<string, unknown>)[f] !== undefined)
              .map((f) => `source.${f}`)
          : [];
        expect(identities.map((i) => i.field).sort()).toEqual(
          [...Object.keys(source.protectedIdentity ?? {}), ...sealed].sort(),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("source: a confidential source's row holds the placeholder only, whatever its title, author and notes", () => {
    const secret = "Jane Roe, +00 555 0100";
    const source: RecordOf<"source"> = {
      id: "s1",
      kind: "witness",
      title: `Witness ${secret}`,
      author: secret,
      url: `https://example.org/${secret}`,
      notes: secret,
      publishedAt: "2031-01-02",
      occurredAt: { from: "2031-01-01", to: "2031-01-01", precision: "day" },
      knownAt: "2031-01-02",
      citations: [{ source: "s0", locator: secret }],
      reliability: "B",
      credibility: 2,
      confidential: true,
      protectedIdentity: { name: secret },
    };
    const row = sourceToRow("c", source);
    expect(JSON.stringify(row)).not.toContain("Jane");
    expect(JSON.parse(row.body)).toEqual({
      id: "s1",
      kind: "witness",
      title: "Protected source",
      occurredAt: source.occurredAt,
      knownAt: "2031-01-02",
      citations: [],
      reliability: "B",
      credibility: 2,
      confidential: true,
    });
    expect(row.title).toBe("Protected source");
    expect(sourceRowToSource(row, sourceToIdentityRows("c", source))).toEqual(source);
    // A sealed value that is not JSON fails naming the field, never quoting the value.
    const bad = [{ case_id: "c", source_id: "s1", field: "source.title", value: secret }];
    expect(() => sourceRowToSource(row, bad)).toThrow(
      /^sealed source field source\.title does not hold JSON$/,
    );
  });

  it("an incident's row carries the typed columns the queries filter on", () => {
    const row = tableOf("incident").toRow("c", {
      id: "i1",
      occurredAt: { from: "1994-04-07", to: "1994-04-30", precision: "range" },
      knownAt: "1994-05-01",
      citations: [],
      summary: "Killings at the Church",
      acts: ["massacre"],
      place: { country: "XVL", admin1: "South" },
      perpetrators: ["m1"],
      targetGroup: "g1",
      fatalities: { low: 10, high: 30 },
      organised: "documented",
      stateInvolvement: "alleged",
    });
    expect(row).toMatchObject({
      case_id: "c",
      id: "i1",
      occurred_from: "1994-04-07",
      occurred_to: "1994-04-30",
      precision: "range",
      known_at: "1994-05-01",
      label: "Killings at the Church",
      label_search: "killings at the church",
      country: "XVL",
      admin1: "South",
      target_group_id: "g1",
      fatalities_best: 20,
    });
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
