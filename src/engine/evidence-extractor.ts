/**
 * The streaming evidence extractor: records are pushed in the feed order (known day, kind, id) and each matching
 * record gives its indicator evidence and its facts at once. It keeps only what later records need — the sources,
 * actors and groups known so far, the scopes of the incidents reports cover and of warnings, the records still
 * waiting for a cited source, and the monthly cells of the event series — so a replay of millions of imported
 * events holds aggregates, not the events.
 * @module
 */
import {
  bestOf,
  compileLexicon,
  eventsOf,
  type Actor,
  type Citation,
  type CompiledLexicon,
  type Incident,
  type Lexicon,
  type ProtectedGroup,
  type RecordKind,
  type Source,
  type Statement,
  type Warning,
} from "../domain/index.js";
import { DEFAULT_CONFIDENCE, tierOfGrade } from "./confidence.js";
import { dayNumber } from "./day-number.js";
import type { EvidenceItem, Fact } from "./evidence.js";
import { monthEnd, monthLabel } from "./event-series.js";
import {
  crimeMentions,
  matchesWhen,
  type CrimeMention,
  type MappedRecordValue,
  type RecordKindMapped,
} from "./record-match.js";
import {
  countriesOfRecord,
  incidentScopes,
  regionScope,
  scopeKey,
  scopesOfRecord,
  type ScopeContext,
} from "./record-scope.js";
import type { MappingRule, ValidRulebook } from "./rulebook.js";
import { describeSurge, SurgeDetector, type IncidentGrade, type SeriesSurge } from "./series-evidence.js";
import { SourceGrades, type Grade } from "./source-grades.js";
import { SpeakerJudge } from "./speakers.js";

export interface ExtractorOptions {
  /** The naming lexicon, to read statements (without it, statements are not read, with a notice). */
  readonly lexicon?: Lexicon;
  /** Incidents some report covers: their scopes are remembered for those reports. */
  readonly coveredIncidents?: ReadonlySet<string>;
}

/** Where the extractor puts what it finds. */
export interface EvidenceSink {
  item(x: EvidenceItem): void;
  fact(x: Fact): void;
}

/** How many notices are kept (the rest are counted). */
const MAX_NOTICES = 50;

/** A record that cites sources not known yet: enough to re-emit its evidence when one becomes known. */
interface Pending {
  readonly kind: RecordKindMapped;
  readonly record: string;
  readonly recordKnownAt: string;
  readonly eventDay: string;
  readonly day: number;
  readonly cited: readonly string[];
  readonly late: Set<string>;
  readonly links: readonly { indicator: string; mapping: string; base: number }[];
  readonly mappings: readonly string[];
  readonly scopes: readonly string[];
  readonly counts: { deaths: number; civilianDeaths: number; displaced: number; events: number };
  readonly citations: readonly Citation[];
  readonly cells: readonly { detector: SurgeDetector; country: string; month: number }[];
  current: Grade;
  /** The day its current facts became usable (its own knownAt, or its last upgrade's day). */
  lastKnownDay: number;
  /** A region scope among `scopes`, with the region's name. */
  readonly region?: { readonly scope: string; readonly name: string };
}

const MAPPED = new Set<RecordKind>(["incident", "report", "warning", "response", "mandate", "statement"]);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class EvidenceExtractor {
  private readonly grades: SourceGrades;
  private readonly actors = new Map<string, Actor>();
  private readonly groups = new Map<string, ProtectedGroup>();
  private readonly warningScopesById = new Map<string, { knownAt: string; scopes: readonly string[] }>();
  private readonly incidentScopesById = new Map<string, { knownAt: string; scopes: readonly string[] }>();
  private readonly pending = new Map<string, Pending[]>();
  private readonly rulesByKind = new Map<RecordKindMapped, MappingRule[]>();
  private readonly detectors: { rule: MappingRule; detector: SurgeDetector }[] = [];
  private readonly judge: SpeakerJudge;
  private readonly lexicon: CompiledLexicon | undefined;
  private readonly languages: ReadonlySet<string>;
  private readonly covered: ReadonlySet<string>;
  private readonly regions: boolean;
  /** The crimes the statement being read names, read once for all its rules (not kept: memory stays flat). */
  private lastMentions:
    { readonly statement: Statement; readonly mentions: readonly CrimeMention[] } | undefined;
  private readonly noticeList: string[] = [];
  private noticesDropped = 0;
  private readonly days = new Map<string, number>();
  private currentDay: string | undefined;
  private readonly scopeContext: ScopeContext;

  constructor(
    private readonly rulebook: ValidRulebook,
    options: ExtractorOptions = {},
  ) {
    for (const m of rulebook.mappings) {
      if (m.record === "series")
        this.detectors.push({ rule: m, detector: new SurgeDetector(m.when, rulebook.grading.unknownSource) });
      else this.rulesByKind.set(m.record, [...(this.rulesByKind.get(m.record) ?? []), m]);
    }
    this.judge = new SpeakerJudge(rulebook.speakers, this.actors);
    this.grades = new SourceGrades(rulebook);
    this.lexicon = options.lexicon === undefined ? undefined : compileLexicon(options.lexicon);
    this.languages = new Set(options.lexicon?.languages.map((l) => l.language) ?? []);
    this.covered = options.coveredIncidents ?? new Set();
    this.regions = rulebook.situations?.regions !== undefined;
    this.scopeContext = {
      groupCountries: (group, knownAt) => {
        const g = this.groups.get(group);
        return g && g.knownAt <= knownAt ? g.countries : undefined;
      },
      incidentScopes: (id, knownAt) => {
        const s = this.incidentScopesById.get(id);
        return s && s.knownAt <= knownAt ? s.scopes : undefined;
      },
      warningScopes: (id, knownAt) => {
        const s = this.warningScopesById.get(id);
        return s && s.knownAt <= knownAt ? s.scopes : undefined;
      },
    };
  }

  /** The notices so far (statements not read, and why), plus a count of those left out. */
  notices(): string[] {
    return this.noticesDropped > 0
      ? [...this.noticeList, `… and ${this.noticesDropped} more notice(s)`]
      : [...this.noticeList];
  }

  private notice(text: string): void {
    if (this.noticeList.includes(text)) return;
    if (this.noticeList.length < MAX_NOTICES) this.noticeList.push(text);
    else this.noticesDropped += 1;
  }

  private dayOf(d: string): number {
    let n = this.days.get(d);
    if (n === undefined) {
      n = dayNumber(d);
      if (this.days.size > 4096) this.days.clear();
      this.days.set(d, n);
    }
    return n;
  }

  /**
   * Push one record; records come in the feed order (see `compareFeedOrder`). The series surges of a day are
   * emitted when the first record of a later day arrives, or by {@link flush}.
   */
  push(
    kind: RecordKind,
    record: MappedRecordValue | Actor | ProtectedGroup | Source,
    sink: EvidenceSink,
  ): void {
    if (this.currentDay !== undefined && record.knownAt !== this.currentDay) this.flush(sink);
    this.currentDay = record.knownAt;
    switch (kind) {
      case "actor":
        this.actors.set(record.id, record as Actor);
        return;
      case "group":
        this.groups.set(record.id, record as ProtectedGroup);
        return;
      case "source":
        this.grades.add(record as Source);
        this.sourceBecameKnown(record as Source, sink);
        return;
      default:
        if (MAPPED.has(kind)) this.mapped(kind as RecordKindMapped, record as MappedRecordValue, sink);
    }
  }

  /** Emit the series surges of the day fed last. Call before assessing that day. */
  flush(sink: EvidenceSink): void {
    const surges: { rule: MappingRule; r: number; s: SeriesSurge }[] = [];
    this.detectors.forEach(({ rule, detector }, r) => {
      for (const s of detector.flush()) surges.push({ rule, r, s });
    });
    surges.sort((a, b) => a.r - b.r || cmp(a.s.country, b.s.country) || a.s.month - b.s.month);
    for (const { rule, s } of surges) this.emitSurge(rule, s, sink);
  }

  private magnitude(rule: MappingRule, fatalities: number): number {
    if (!rule.scaleByFatalities) return 1;
    const m = this.rulebook.magnitude;
    return Math.min(m.max, 1 + m.perTenfoldFatalities * Math.log10(1 + fatalities));
  }

  private statementReadable(s: Statement): boolean {
    if (this.lexicon === undefined) {
      this.notice("statements are not read: no naming lexicon was given to the engine");
      return false;
    }
    if (s.terms.length === 0 && s.text === undefined) {
      this.notice(`statement ${s.id}: no terms, so nothing to read; ignored`);
      return false;
    }
    if (!this.languages.has(s.language)) {
      this.notice(`statement ${s.id}: language "${s.language}" is not in the naming lexicon; ignored`);
      return false;
    }
    return true;
  }

  private mapped(kind: RecordKindMapped, r: MappedRecordValue, sink: EvidenceSink): void {
    if (kind === "incident" && this.covered.has(r.id))
      this.incidentScopesById.set(r.id, { knownAt: r.knownAt, scopes: incidentScopes(r as Incident) });
    if (kind === "warning")
      this.warningScopesById.set(r.id, {
        knownAt: r.knownAt,
        scopes: scopesOfRecord("warning", r as Warning, this.scopeContext),
      });
    const cited = [...new Set(r.citations.map((c) => c.source))];
    const grade = this.grades.gradeOf(cited);
    const cells: { detector: SurgeDetector; country: string; month: number }[] = [];
    if (kind === "incident")
      for (const { detector } of this.detectors) {
        const cell = detector.add(r as Incident, {
          weight: grade.weight,
          ...(grade.grade ? { grade: grade.grade } : {}),
        });
        if (cell) cells.push({ detector, ...cell });
      }
    if (kind === "statement" && !this.statementReadable(r as Statement)) return;
    const rules = this.rulesByKind.get(kind) ?? [];
    const ctx = {
      judge: this.judge,
      countriesOf: (x: MappedRecordValue) => countriesOfRecord(kind, x, this.scopeContext),
      mentionsOf: (s: Statement) => this.mentionsOfStatement(s),
    };
    const matching = rules.filter((rule) => matchesWhen(kind, r, rule.when, ctx));
    const late = cited.filter((id) => !this.grades.has(id));
    if (matching.length === 0 && (cells.length === 0 || late.length === 0)) return;
    const incident = kind === "incident" ? (r as Incident) : undefined;
    const fatalities = incident ? (bestOf(incident.fatalities) ?? 0) : 0;
    const counts = {
      deaths: fatalities,
      civilianDeaths:
        (incident ? bestOf(incident.civilianFatalities) : undefined) ??
        (matching.some((m) => m.civilianVictims) ? fatalities : 0),
      displaced: incident ? (bestOf(incident.displaced) ?? 0) : 0,
      events: incident ? eventsOf(incident) : 1,
    };
    const scopes = scopesOfRecord(kind, r, this.scopeContext);
    let region: { scope: string; name: string } | undefined;
    if (
      this.regions &&
      incident &&
      scopes.length === 1 &&
      scopes[0]?.endsWith("/*") &&
      incident.place.admin1
    ) {
      region = {
        scope: regionScope(incident.place.country, incident.place.admin1),
        name: incident.place.admin1,
      };
      scopes.push(region.scope);
    }
    // One record supports one indicator once (in one scope), through its strongest mapping.
    const strongest = new Map<string, { mapping: string; base: number }>();
    for (const rule of matching) {
      const mag = this.magnitude(rule, fatalities);
      for (const link of rule.indicators) {
        const base = link.strength * mag;
        const seen = strongest.get(link.indicator);
        if (!seen || base > seen.base) strongest.set(link.indicator, { mapping: rule.id, base });
      }
    }
    const eventDay = r.occurredAt.to < r.knownAt ? r.occurredAt.to : r.knownAt;
    const p: Pending = {
      kind,
      record: r.id,
      recordKnownAt: r.knownAt,
      eventDay,
      day: this.dayOf(eventDay),
      cited,
      late: new Set(late),
      links: [...strongest].map(([indicator, x]) => ({ indicator, ...x })),
      mappings: matching.map((m) => m.id).sort(),
      scopes,
      counts,
      citations: r.citations,
      cells,
      current: grade,
      lastKnownDay: this.dayOf(r.knownAt),
      ...(region ? { region } : {}),
    };
    this.emitItems(p, grade, undefined, sink);
    this.emitFacts(p, grade, undefined, sink);
    for (const id of late) this.pending.set(id, [...(this.pending.get(id) ?? []), p]);
  }

  private mentionsOfStatement(s: Statement): readonly CrimeMention[] {
    if (this.lexicon === undefined) return [];
    if (this.lastMentions?.statement !== s)
      this.lastMentions = { statement: s, mentions: crimeMentions(this.lexicon, s) };
    return this.lastMentions.mentions;
  }

  /** Emit a record's indicator evidence at `grade`; `before` is the grade it had (an upgrade), if any. */
  private emitItems(p: Pending, grade: Grade, before: Grade | undefined, sink: EvidenceSink): void {
    const knownAt = this.currentDay ?? p.recordKnownAt;
    for (const link of p.links)
      for (const scope of p.scopes) {
        const weight = link.base * grade.weight;
        sink.item({
          seq: 0,
          record: p.record,
          kind: p.kind,
          mapping: link.mapping,
          indicator: link.indicator,
          scope,
          knownAt,
          recordKnownAt: p.recordKnownAt,
          eventDay: p.eventDay,
          day: p.day,
          weight,
          gain: before === undefined ? weight : weight - link.base * before.weight,
          upgrade: before !== undefined,
          fatalities: p.counts.deaths,
          citations: p.citations,
          ...(grade.grade !== undefined ? { grade: grade.grade } : {}),
        });
      }
  }

  /** Emit a record's facts at `grade`; on an upgrade, each names the fact it replaces. */
  private emitFacts(p: Pending, grade: Grade, before: Grade | undefined, sink: EvidenceSink): void {
    if (p.mappings.length === 0) return;
    const knownAt = this.currentDay ?? p.recordKnownAt;
    const knownDay = this.dayOf(knownAt);
    for (const scope of p.scopes)
      sink.fact({
        seq: 0,
        record: p.record,
        kind: p.kind,
        scope,
        mappings: p.mappings,
        knownAt,
        knownDay,
        eventDay: p.eventDay,
        day: p.day,
        tier: grade.tier,
        sources: grade.sources,
        ...(grade.primary !== undefined ? { primarySource: grade.primary } : {}),
        ...(p.late.size > 0 ? { mayUpgrade: true } : {}),
        ...p.counts,
        citations: p.citations,
        ...(grade.grade !== undefined ? { grade: grade.grade } : {}),
        ...(p.region?.scope === scope ? { region: p.region.name } : {}),
        ...(before === undefined
          ? {}
          : { previous: { tier: before.tier, sources: before.sources, knownDay: p.lastKnownDay } }),
      });
  }

  /** A source became known: upgrade the records that cite it and were waiting for it. */
  private sourceBecameKnown(s: Source, sink: EvidenceSink): void {
    const waiting = this.pending.get(s.id);
    if (!waiting) return;
    this.pending.delete(s.id);
    for (const p of waiting) {
      p.late.delete(s.id);
      const next = this.grades.gradeOf(p.cited);
      const before = p.current;
      const better = next.weight > before.weight;
      // A later source that does not grade better can still corroborate: the facts gain a source.
      const corroborated = next.sources.length > before.sources.length || next.tier > before.tier;
      if (!better && !corroborated) continue;
      if (better) {
        for (const c of p.cells)
          c.detector.regrade(
            c.country,
            c.month,
            { weight: before.weight, ...(before.grade ? { grade: before.grade } : {}) },
            { weight: next.weight, ...(next.grade ? { grade: next.grade } : {}) },
          );
        this.emitItems(p, next, before, sink);
      }
      this.emitFacts(p, next, before, sink);
      p.current = next;
      p.lastKnownDay = this.dayOf(s.knownAt);
    }
  }

  private emitSurge(rule: MappingRule, s: SeriesSurge, sink: EvidenceSink): void {
    const end = monthEnd(s.month);
    const eventDay = end < s.knownAt ? end : s.knownAt;
    const id = `series:${rule.id}:${s.country}:${monthLabel(s.month)}`;
    const summary = describeSurge(s);
    const mag = this.magnitude(rule, s.fatalities);
    const scope = scopeKey(s.country, undefined);
    const day = this.dayOf(eventDay);
    const knownDay = this.dayOf(s.knownAt);
    const links = new Map<string, number>();
    for (const l of rule.indicators)
      links.set(l.indicator, Math.max(l.strength, links.get(l.indicator) ?? 0));
    for (const [indicator, strength] of links) {
      const weight = strength * s.grade.weight * mag;
      sink.item({
        seq: 0,
        record: id,
        kind: "series",
        mapping: rule.id,
        indicator,
        scope,
        knownAt: s.knownAt,
        recordKnownAt: s.knownAt,
        eventDay,
        day,
        weight,
        gain: weight,
        upgrade: false,
        fatalities: s.fatalities,
        citations: s.citations,
        summary,
        ...(s.grade.grade !== undefined ? { grade: s.grade.grade } : {}),
      });
    }
    const rule3 = this.rulebook.confidence ?? DEFAULT_CONFIDENCE;
    sink.fact({
      seq: 0,
      record: id,
      kind: "series",
      scope,
      mappings: [rule.id],
      knownAt: s.knownAt,
      knownDay,
      eventDay,
      day,
      tier: tierOfGrade(s.grade.grade, rule3),
      sources: [...new Set(s.citations.map((c) => c.source))].sort(),
      ...(s.citations[0] !== undefined ? { primarySource: s.citations[0].source } : {}),
      deaths: s.fatalities,
      civilianDeaths: 0,
      displaced: 0,
      events: s.events,
      citations: s.citations,
      summary,
      ...(s.grade.grade !== undefined ? { grade: s.grade.grade } : {}),
    });
  }
}

/** @internal the grade shape the surge detector takes. */
export type { IncidentGrade };
