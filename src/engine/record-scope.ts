/**
 * The scopes a record's evidence counts in: "CCC/group" for a group in a country, "CCC/\*" for the civilians of a
 * country (or country-wide evidence), "CCC/\*\/region" for a first-level region's civilians, "\*" for every
 * situation.
 * @module
 */
import {
  targetGroupsOf,
  type Incident,
  type Mandate,
  type Report,
  type Response,
  type Statement,
  type Warning,
} from "../domain/index.js";
import type { MappedRecordValue, RecordKindMapped } from "./record-match.js";

/** The scope that covers every situation. */
export const GLOBAL_SCOPE = "*";

/** Scope key of a country and optional group. */
export function scopeKey(country: string | undefined, group: string | undefined): string {
  if (country === undefined) return GLOBAL_SCOPE;
  return `${country}/${group ?? "*"}`;
}

/** FNV-1a, 32 bits, base 36: a short stable tag for names whose letters have no ASCII form. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) as number;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}

/**
 * The region part of a scope key: lower-case letters and digits joined by dashes. A name with letters that have
 * no ASCII form (Amharic, Arabic…) also carries a short hash of the name, so two such regions never share a key.
 * @example regionSlug("Jonglei State") // "jonglei-state"
 */
export function regionSlug(name: string): string {
  const plain = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
  const ascii = plain.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  const lost = /[\p{L}\p{N}]/u.test(plain.replace(/[a-z0-9]/g, ""));
  if (!lost) return ascii || "region";
  const tag = shortHash(name.normalize("NFC").trim());
  return ascii ? `${ascii}-${tag}` : `region-${tag}`;
}

/** The scope of a country's first-level region (its civilians). */
export function regionScope(country: string, admin1: string): string {
  return `${country}/*/${regionSlug(admin1)}`;
}

/** What scoping needs to know about other records. */
export interface ScopeContext {
  /** A group's countries, when the group was known by `knownAt`. */
  groupCountries(group: string, knownAt: string): readonly string[] | undefined;
  /** The scopes of an incident a report covers, if it was known by `knownAt`. */
  incidentScopes(id: string, knownAt: string): readonly string[] | undefined;
  /** The scopes of a warning a response answers, if it was known by `knownAt`. */
  warningScopes(id: string, knownAt: string): readonly string[] | undefined;
}

/** Scopes of a country/group pair, filling a missing country from the group's countries known by `knownAt`. */
function scopesOf(
  country: string | undefined,
  group: string | undefined,
  knownAt: string,
  ctx: ScopeContext,
): string[] {
  if (country !== undefined || group === undefined) return [scopeKey(country, group)];
  const countries = ctx.groupCountries(group, knownAt);
  if (countries === undefined) return [GLOBAL_SCOPE];
  return countries.map((c) => scopeKey(c, group));
}

/** The scopes of an incident: one per targeted group, or its country's civilians. */
export function incidentScopes(i: Incident): string[] {
  const groups = targetGroupsOf(i);
  if (groups.length === 0) return [scopeKey(i.place.country, undefined)];
  return groups.map((g) => scopeKey(i.place.country, g));
}

/**
 * Every scope a record's evidence counts in (sorted, unique), not counting regions.
 * @example scopesOfRecord("incident", { place: { country: "XAA" }, targetGroup: "g", … }, ctx) // ["XAA/g"]
 */
export function scopesOfRecord(kind: RecordKindMapped, r: MappedRecordValue, ctx: ScopeContext): string[] {
  switch (kind) {
    case "incident":
      return incidentScopes(r as Incident);
    case "report": {
      const p = r as Report;
      if (p.country === undefined && p.targetGroup === undefined && p.coversIncidents) {
        // A report without a stated situation is about the incidents it covers (those known when it appeared).
        const covered = p.coversIncidents.flatMap((id) => ctx.incidentScopes(id, p.knownAt) ?? []);
        if (covered.length > 0) return [...new Set(covered)].sort();
      }
      return scopesOf(p.country, p.targetGroup, p.knownAt, ctx);
    }
    case "statement": {
      const s = r as Statement;
      return scopesOf(s.country, s.targetGroup, s.knownAt, ctx);
    }
    case "warning": {
      const x = r as Warning;
      return scopesOf(x.country, x.targetGroup, x.knownAt, ctx);
    }
    case "response": {
      const x = r as Response;
      if (x.country === undefined && x.targetGroup === undefined && x.warning !== undefined) {
        const w = ctx.warningScopes(x.warning, x.knownAt);
        if (w !== undefined) return [...w];
      }
      return scopesOf(x.country, x.targetGroup, x.knownAt, ctx);
    }
    case "mandate":
      return [scopeKey((r as Mandate).country, undefined)];
  }
}

/**
 * The countries a record is about: an incident's place, else the countries of its scopes — its own country, its
 * groups' countries known by then, the incidents a report covers, the warning a response answers. Whose words
 * are independent is judged against these, so a report that names no country is still about its incidents'.
 */
export function countriesOfRecord(
  kind: RecordKindMapped,
  r: MappedRecordValue,
  ctx: ScopeContext,
): readonly string[] {
  if (kind === "incident") return [(r as Incident).place.country];
  const out = new Set<string>();
  for (const scope of scopesOfRecord(kind, r, ctx))
    if (scope !== GLOBAL_SCOPE) out.add(scope.slice(0, scope.indexOf("/")));
  return [...out].sort();
}
