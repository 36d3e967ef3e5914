// A small synthetic case in the fictional country "XVL" with every record kind, for the storage suites.
import {
  redactSource,
  type CaseBundle,
  type CaseRecords,
  type RedactedSource,
  type Source,
} from "../../src/domain/index.js";

const day = (d: string) => ({ from: d, to: d, precision: "day" as const });
const cite = (source: string, locator: string) => [{ source, locator }];

/** The protected identity planted in the confidential source: tests look for these strings in raw tables. */
export const CANARY = { name: "CANARY-NAME-7f3a", contact: "CANARY-CONTACT-+00 555 0199" } as const;

/** The confidential source, with its protected identity. */
export const informant: Source = {
  id: "src-informant",
  kind: "informant",
  title: "Confidential informant",
  occurredAt: day("2031-01-10"),
  knownAt: "2031-01-10",
  citations: cite("src-report", "annex 2"),
  reliability: "B",
  credibility: 2,
  confidential: true,
  protectedIdentity: { name: CANARY.name, contact: CANARY.contact },
};

/** A case with at least one record of every kind; each kind's records are in id order (as readCase returns them). */
export function syntheticBundle(): CaseBundle {
  const records: CaseRecords = {
    actor: [
      {
        id: "gov-xvl",
        occurredAt: { from: "2030-01-01", to: "2030-12-31", precision: "year" },
        knownAt: "2030-12-31",
        citations: cite("src-report", "§1"),
        kind: "government",
        name: "Government of Xavalia",
        country: "XVL",
        dutyBearer: true,
        roles: ["territorial-state"],
        side: "govt",
      },
      {
        id: "mil-red",
        occurredAt: { from: "2030-06-01", to: "2030-06-30", precision: "month" },
        knownAt: "2030-06-30",
        citations: cite("src-report", "§2"),
        kind: "militia",
        name: "Red Brigades of Xavalia",
        memberOf: "gov-xvl",
        aliases: ["The Reds"],
        country: "XVL",
        dutyBearer: false,
        roles: ["perpetrator"],
        side: "govt",
      },
      {
        id: "un-mission",
        occurredAt: day("2030-03-01"),
        knownAt: "2030-03-01",
        citations: cite("src-report", "§3"),
        kind: "un-mission",
        name: "UN Mission in Xavalia",
        dutyBearer: true,
        roles: ["mission-on-ground"],
      },
      {
        id: "un-hq",
        occurredAt: day("2030-01-01"),
        knownAt: "2030-01-01",
        citations: cite("src-report", "§3"),
        kind: "un-department",
        name: "Peace Operations Department",
        dutyBearer: true,
        roles: ["mission-headquarters"],
      },
    ],
    group: [
      {
        id: "grp-blue",
        occurredAt: { from: "2030-01-01", to: "2030-12-31", precision: "year" },
        knownAt: "2030-12-31",
        citations: cite("src-report", "§1"),
        name: "Blue people",
        kind: "ethnical",
        countries: ["XVL"],
      },
    ],
    source: [
      informant,
      {
        id: "src-report",
        kind: "report",
        title: "Xavalia: a fictional inquiry",
        author: "Inquiry panel",
        occurredAt: day("2032-05-01"),
        knownAt: "2032-05-01",
        citations: [{ source: "src-report", locator: "title page" }],
        reliability: "A",
        credibility: 1,
        confidential: false,
        url: "https://example.org/xvl",
      },
    ],
    incident: [
      {
        id: "inc-massacre",
        occurredAt: { from: "2031-02-01", to: "2031-02-28", precision: "month" },
        knownAt: "2031-03-05",
        citations: [
          { source: "src-report", locator: "§4 ¶2" },
          { source: "src-informant", locator: "cable 7" },
        ],
        summary: "Massacre at the Blue market",
        acts: ["massacre", "killing"],
        place: {
          country: "XVL",
          admin1: "North",
          name: "Market town",
          lat: 1.5,
          lon: 30.25,
          geoPrecision: 2,
        },
        perpetrators: ["mil-red", "gov-xvl"],
        targetGroup: "grp-blue",
        fatalities: { low: 40, best: 55, high: 80 },
        organised: "documented",
        stateInvolvement: "alleged",
      },
      {
        id: "inc-training",
        occurredAt: { from: "2030-11-01", to: "2031-01-31", precision: "range" },
        knownAt: "2031-01-31",
        citations: cite("src-informant", "cable 7"),
        summary: "Militia training in the hills",
        acts: ["militia-training", "arms-distribution"],
        place: { country: "XVL" },
        perpetrators: ["mil-red"],
        organised: "confirmed",
        stateInvolvement: "documented",
        notes: "Seen by the informant",
      },
    ],
    report: [
      {
        id: "rep-inquiry",
        occurredAt: day("2032-05-01"),
        knownAt: "2032-05-01",
        citations: cite("src-report", "§9"),
        title: "Inquiry into the Blue market",
        authors: ["un-hq"],
        country: "XVL",
        targetGroup: "grp-blue",
        findings: [{ text: "Organised killings", tags: ["organised-violence", "targeting-protected-group"] }],
        qualification: "genocide",
        recommendations: [{ text: "Prosecute", strength: "strong", addressees: ["gov-xvl"] }],
        mentionsGenocideRisk: true,
        coversIncidents: ["inc-massacre"],
      },
    ],
    warning: [
      {
        id: "warn-cable",
        occurredAt: day("2031-01-11"),
        knownAt: "2031-01-11",
        citations: cite("src-informant", "cable 7"),
        sender: "un-mission",
        recipients: ["un-hq"],
        channel: "cable",
        summary: "Arms caches and extermination lists",
        country: "XVL",
        targetGroup: "grp-blue",
        requestedActions: [
          { id: "ra-seize", kind: "seize-arms", description: "Raid the caches", dueAt: "2031-01-20" },
          {
            id: "ra-protect",
            kind: "protect-informant",
            description: "Protect the informant",
            addressees: ["un-hq", "gov-xvl"],
          },
        ],
        evidence: ["inc-training"],
        origin: "human",
      },
    ],
    response: [
      {
        id: "resp-refusal",
        occurredAt: day("2031-01-12"),
        knownAt: "2031-01-12",
        citations: cite("src-report", "§5"),
        actor: "un-hq",
        kind: "refusal",
        summary: "Raid refused as outside the mandate",
        warning: "warn-cable",
        requestedAction: "ra-seize",
        refusalReason: "mandate",
      },
    ],
    commitment: [
      {
        id: "com-threat",
        occurredAt: day("2031-01-15"),
        knownAt: "2031-01-15",
        citations: cite("src-report", "§6"),
        actor: "un-hq",
        kind: "threat",
        measure: "Withdraw the mission if violence continues",
        addressee: "gov-xvl",
        followUpDue: "2031-03-01",
        delivered: null,
      },
    ],
    mandate: [
      {
        id: "man-1",
        occurredAt: day("2030-03-01"),
        knownAt: "2030-03-01",
        citations: cite("src-report", "§3"),
        body: "un-hq",
        mission: "un-mission",
        resolution: "S/RES/9999",
        legalBasis: "chapter-vi",
        tasks: [{ text: "Monitor the ceasefire", category: "ceasefire-monitoring" }],
        troopCeiling: 2500,
        country: "XVL",
      },
    ],
    capability: [
      {
        id: "cap-brigade",
        occurredAt: day("2031-02-02"),
        knownAt: "2031-02-02",
        citations: cite("src-report", "§7"),
        force: "un-mission",
        owner: "un-hq",
        size: 5000,
        sizeApproximate: true,
        location: "Capital",
        timeToReachHours: 12.5,
        tasking: "standby",
        summary: "A standby brigade that could reach the market in half a day",
        hypothetical: true,
      },
    ],
    statement: [
      {
        id: "st-denial",
        occurredAt: day("2031-02-10"),
        knownAt: "2031-02-10",
        citations: cite("src-report", "§8"),
        actor: "gov-xvl",
        language: "en",
        summary: "Government calls the killings tribal clashes",
        terms: ["tribal clashes"],
        text: "These are tribal clashes.",
        country: "XVL",
      },
    ],
    tribunal: [
      {
        id: "trib-xvl",
        occurredAt: day("2033-01-01"),
        knownAt: "2033-01-01",
        citations: cite("src-report", "§10"),
        actor: "un-hq",
        name: "Special Tribunal for Xavalia",
        mandate: {
          temporal: { from: "2030-01-01", to: "2031-12-31" },
          territorial: ["XVL"],
          subjectMatter: ["genocide"],
        },
        budget: { totalUsd: 1000000, approximate: true },
        aggregates: { convicted: 3, acquitted: 1 },
      },
    ],
    tribunalCase: [
      {
        id: "tc-leader",
        occurredAt: { from: "2034-01-01", to: "2036-12-31", precision: "range" },
        knownAt: "2036-12-31",
        citations: cite("src-report", "§11"),
        tribunal: "trib-xvl",
        accused: "mil-red",
        charges: ["genocide"],
        arrestedAt: "2034-01-01",
        outcome: "convicted",
        sentence: "life",
        reportedDetention: { beforeFirstJudgment: { years: 2, approximate: true } },
      },
    ],
  };
  return {
    manifest: {
      id: "xvl-test",
      title: "Xavalia 2030–2031 (synthetic)",
      region: "Nowhere",
      countries: ["XVL"],
      period: { from: "2030-01-01", to: "2033-12-31" },
      sides: [{ id: "govt", name: "Government side" }],
      escalationChain: ["mission-on-ground", "mission-headquarters"],
      evaluation: { onset: "2031-02-01" },
    },
    records: sortRecords(records),
  };
}

/** The same records, each kind in id order. */
export function sortRecords(records: CaseRecords): CaseRecords {
  const out: Record<string, unknown[]> = {};
  for (const [kind, list] of Object.entries(records))
    out[kind] = [...(list as { id: string }[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return out as unknown as CaseRecords;
}

/**
 * The case as a default read returns it: no protected identity, and each confidential source only as the
 * placeholder an unentitled viewer sees (its title, author, url, notes and own citations are sealed).
 */
export function withoutProtected(bundle: CaseBundle): CaseBundle {
  return {
    ...bundle,
    records: {
      ...bundle.records,
      source: bundle.records.source.map(({ protectedIdentity: _p, ...s }) => {
        if (!s.confidential) return s;
        const { redacted: _r, ...placeholder } = redactSource(s, false) as RedactedSource;
        return placeholder;
      }),
    },
  };
}
