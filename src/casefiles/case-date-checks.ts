/**
 * Date checks on parsed records: plausible years, `knownAt` not before the fact, and dates that must follow
 * one another (arrest before trial, deployment after adoption…). See docs/case-format.md "Dates".
 * @module
 */
import { PLAUSIBLE_FROM, PLAUSIBLE_TO } from "../domain/index.js";
import type { CaseManifest, RecordKind, RecordOf } from "../domain/index.js";
import type { JsonPath } from "./json-locate.js";

/** A date problem inside one record. */
export interface DateIssue {
  readonly path: JsonPath;
  readonly message: string;
}

/**
 * Whether a record of this kind may be known before it starts. Only a hypothetical capability (an estimate
 * of a force that would have been needed over a future window) may; everything else is a fact that cannot
 * be reported before it happens.
 */
export function mayBeKnownEarly<K extends RecordKind>(kind: K, record: RecordOf<K>): boolean {
  return kind === "capability" && (record as RecordOf<"capability">).hypothetical === true;
}

const plausible = (day: string | undefined, path: JsonPath): DateIssue[] =>
  day !== undefined && (day < PLAUSIBLE_FROM || day > PLAUSIBLE_TO)
    ? [{ path, message: `date ${day} is outside the plausible window ${PLAUSIBLE_FROM}..${PLAUSIBLE_TO}` }]
    : [];

const notBefore = (
  later: string | undefined,
  earlier: string | undefined,
  path: JsonPath,
  what: string,
): DateIssue[] =>
  later !== undefined && earlier !== undefined && later < earlier
    ? [{ path, message: `${what} (${later} is before ${earlier})` }]
    : [];

/**
 * Every date problem of one parsed record.
 * @example dateIssuesOf("incident", { …, occurredAt: { from: "1994-04-07", … }, knownAt: "1994-01-01" })
 *   // [{ path: ["knownAt"], message: "knownAt 1994-01-01 is before the record's occurredAt starts …" }]
 */
export function dateIssuesOf<K extends RecordKind>(kind: K, record: RecordOf<K>): DateIssue[] {
  const start = record.occurredAt.from;
  const issues: DateIssue[] = [
    ...plausible(record.occurredAt.from, ["occurredAt"]),
    ...(record.occurredAt.to !== record.occurredAt.from
      ? plausible(record.occurredAt.to, ["occurredAt"])
      : []),
    ...plausible(record.knownAt, ["knownAt"]),
  ];
  if (record.knownAt < start && !mayBeKnownEarly(kind, record)) {
    issues.push({
      path: ["knownAt"],
      message: `knownAt ${record.knownAt} is before the record's occurredAt starts (${start}): a record of kind ${kind} cannot be known before it happened`,
    });
  }
  const r = record as RecordOf<RecordKind>;
  switch (kind) {
    case "source": {
      const s = r as RecordOf<"source">;
      issues.push(...plausible(s.publishedAt, ["publishedAt"]));
      break;
    }
    case "warning": {
      const w = r as RecordOf<"warning">;
      w.requestedActions.forEach((a, i) => {
        issues.push(
          ...plausible(a.dueAt, ["requestedActions", i, "dueAt"]),
          ...notBefore(
            a.dueAt,
            start,
            ["requestedActions", i, "dueAt"],
            "a requested action falls due before its warning",
          ),
        );
      });
      break;
    }
    case "commitment": {
      const c = r as RecordOf<"commitment">;
      issues.push(
        ...plausible(c.followUpDue, ["followUpDue"]),
        ...plausible(c.deliveredAt, ["deliveredAt"]),
        ...notBefore(
          c.followUpDue,
          start,
          ["followUpDue"],
          "the follow-up falls due before the commitment was made",
        ),
        ...notBefore(c.deliveredAt, start, ["deliveredAt"], "delivered before the commitment was made"),
      );
      if (c.delivered !== true && (c.deliveredAt !== undefined || c.deliveredBy !== undefined)) {
        issues.push({
          path: ["delivered"],
          message: "deliveredAt/deliveredBy are set but delivered is not true",
        });
      }
      break;
    }
    case "mandate": {
      const m = r as RecordOf<"mandate">;
      issues.push(
        ...plausible(m.deployedAt, ["deployedAt"]),
        ...plausible(m.endedAt, ["endedAt"]),
        ...notBefore(m.deployedAt, start, ["deployedAt"], "deployed before the mandate was adopted"),
        ...notBefore(m.endedAt, start, ["endedAt"], "ended before the mandate was adopted"),
      );
      break;
    }
    case "tribunal": {
      const t = r as RecordOf<"tribunal">;
      issues.push(
        ...plausible(t.closedAt, ["closedAt"]),
        ...plausible(t.mandate.temporal.from, ["mandate", "temporal", "from"]),
        ...plausible(t.mandate.temporal.to, ["mandate", "temporal", "to"]),
        ...notBefore(t.closedAt, start, ["closedAt"], "closed before it was established"),
        ...notBefore(
          t.mandate.temporal.to,
          t.mandate.temporal.from,
          ["mandate", "temporal", "to"],
          "the temporal mandate ends before it starts",
        ),
      );
      break;
    }
    case "tribunalCase": {
      const t = r as RecordOf<"tribunalCase">;
      const steps: [keyof typeof t & string, string | undefined][] = [
        ["arrestedAt", t.arrestedAt],
        ["trialStartAt", t.trialStartAt],
        ["firstJudgmentAt", t.firstJudgmentAt],
        ["finalJudgmentAt", t.finalJudgmentAt],
      ];
      let prev: [string, string] | undefined;
      for (const [field, day] of steps) {
        if (day === undefined) continue;
        issues.push(...plausible(day, [field]));
        if (prev) issues.push(...notBefore(day, prev[1], [field], `${field} comes before ${prev[0]}`));
        prev = [field, day];
      }
      break;
    }
    default:
      break;
  }
  return issues;
}

/** Date problems of the manifest: its period and the evaluation onset. */
export function manifestDateIssues(m: CaseManifest): DateIssue[] {
  return [
    ...plausible(m.period.from, ["period", "from"]),
    ...plausible(m.period.to, ["period", "to"]),
    ...notBefore(m.period.to, m.period.from, ["period", "to"], "the period ends before it starts"),
    ...plausible(m.evaluation?.onset, ["evaluation", "onset"]),
  ];
}
