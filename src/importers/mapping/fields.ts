/**
 * Field parsers shared by the format mappers. Each returns the value or records a problem naming the field;
 * none throws, so one bad cell makes one reject and the import goes on.
 * @module
 */
import { isIsoDay, PLAUSIBLE_FROM, PLAUSIBLE_TO } from "../../domain/index.js";
import type { RowProblem } from "./mapped-row.js";

/**
 * Unix seconds of the first instant and of the last second of the domain's plausible window (the one case files
 * are checked against): the days an imported record may mention.
 */
const UNIX_FROM = Date.parse(`${PLAUSIBLE_FROM}T00:00:00Z`) / 1000;
const UNIX_TO = Date.parse(`${PLAUSIBLE_TO}T23:59:59Z`) / 1000;

/**
 * The largest count (fatalities, events) a row may give: far above any recorded single event or monthly
 * aggregate, far below where numbers lose precision. Larger is a typing or unit mistake.
 */
export const MAX_COUNT = 10_000_000;

/** The reason a day is outside the plausible window, or `undefined` when inside. */
export function implausibleDay(day: string): string | undefined {
  return day < PLAUSIBLE_FROM || day > PLAUSIBLE_TO
    ? `${day} is outside the plausible window ${PLAUSIBLE_FROM}..${PLAUSIBLE_TO}`
    : undefined;
}

/** Collects the problems of one row. */
export class FieldReader {
  readonly problems: RowProblem[] = [];

  /** A required non-empty text. */
  text(field: string, value: string | undefined): string {
    const v = (value ?? "").trim();
    if (v === "") this.problems.push({ field, reason: "is empty" });
    return v;
  }

  /** A whole number (optionally within bounds); `undefined` when empty and not required. */
  int(
    field: string,
    value: string | undefined,
    required: boolean,
    min = -Infinity,
    max = Infinity,
  ): number | undefined {
    const v = (value ?? "").trim();
    if (v === "") {
      if (required) this.problems.push({ field, reason: "is empty" });
      return undefined;
    }
    // Accept "12" and "12.0" (spreadsheet exports) but not "12.5", "1e3" or "twelve".
    if (!/^-?\d+(\.0+)?$/.test(v)) {
      this.problems.push({ field, reason: `"${clip(v)}" is not a whole number` });
      return undefined;
    }
    const n = Number.parseInt(v, 10);
    if (!Number.isSafeInteger(n)) {
      this.problems.push({ field, reason: `"${clip(v)}" is too large to be a count or code` });
      return undefined;
    }
    if (n < min || n > max) {
      this.problems.push({ field, reason: `${n} is outside ${min}…${max}` });
      return undefined;
    }
    return n;
  }

  /** A decimal number within bounds; `undefined` when empty and not required. */
  float(
    field: string,
    value: string | undefined,
    required: boolean,
    min: number,
    max: number,
  ): number | undefined {
    const v = (value ?? "").trim();
    if (v === "") {
      if (required) this.problems.push({ field, reason: "is empty" });
      return undefined;
    }
    const n = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isFinite(n)) {
      this.problems.push({ field, reason: `"${clip(v)}" is not a number` });
      return undefined;
    }
    if (n < min || n > max) {
      this.problems.push({ field, reason: `${n} is outside ${min}…${max}` });
      return undefined;
    }
    return n;
  }

  /** A count (fatalities, events): a whole number in 0…{@link MAX_COUNT}. */
  count(field: string, value: string | undefined, required: boolean): number | undefined {
    return this.int(field, value, required, 0, MAX_COUNT);
  }

  /**
   * A calendar day from `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, `YYYYMMDD` or `16 May 2025`, inside the
   * plausible window; `""` (and a problem) otherwise.
   */
  day(field: string, value: string | undefined): string {
    const v = (value ?? "").trim();
    const d = parseDay(v);
    if (d === undefined) {
      this.problems.push({ field, reason: v === "" ? "is empty" : `"${clip(v)}" is not a date` });
      return "";
    }
    const bad = implausibleDay(d);
    if (bad !== undefined) {
      this.problems.push({ field, reason: bad });
      return "";
    }
    return d;
  }

  /**
   * The UTC day of a Unix time in seconds, inside the plausible window; `""` (and a problem) otherwise.
   * A 13-digit value that would be in the window as milliseconds says so.
   */
  unixDay(field: string, seconds: number | undefined): string {
    if (seconds === undefined) return "";
    const d = unixDay(seconds);
    if (d !== undefined) return d;
    // 13 digits and a plausible day as milliseconds: the usual unit mistake.
    const ms = seconds >= 1e12 && seconds / 1000 <= UNIX_TO;
    this.problems.push({
      field,
      reason: `${seconds} is not a Unix time in seconds between ${PLAUSIBLE_FROM} and ${PLAUSIBLE_TO}${ms ? " (milliseconds?)" : ""}`,
    });
    return "";
  }

  /**
   * The case loader's rule: a record cannot be known before it happened. `field` names where `knownAt`
   * came from (a column, or `knownAt`), `what` says how (e.g. `--release 10.1`) when it is not a column.
   */
  knownNotBefore(field: string, knownAt: string, occurredFrom: string, what = `knownAt ${knownAt}`): void {
    if (knownAt !== "" && occurredFrom !== "" && knownAt < occurredFrom) {
      this.problems.push({
        field,
        reason: `${what} is before the record's occurredAt starts (${occurredFrom}): a record cannot be known before it happened`,
      });
    }
  }

  /** Record a problem directly. */
  add(field: string, reason: string): void {
    this.problems.push({ field, reason });
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }
}

const MONTHS: Readonly<Record<string, string>> = {
  jan: "01",
  feb: "02",
  mar: "03",
  apr: "04",
  may: "05",
  jun: "06",
  jul: "07",
  aug: "08",
  sep: "09",
  oct: "10",
  nov: "11",
  dec: "12",
};

/**
 * Parse the date forms the providers use into `YYYY-MM-DD`, or `undefined`.
 * @example parseDay("16 May 2025") // "2025-05-16"
 */
export function parseDay(v: string): string | undefined {
  let day: string | undefined;
  if (v.length >= 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45) {
    const rest = v.slice(10);
    if (rest === "" || /^[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(rest))
      day = v.slice(0, 10);
  } else if (/^\d{8}$/.test(v)) {
    day = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  } else {
    const m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(v);
    const month = m ? MONTHS[(m[2] as string).toLowerCase()] : undefined;
    if (m && month) day = `${m[3]}-${month}-${(m[1] as string).padStart(2, "0")}`;
  }
  return day !== undefined && isIsoDay(day) ? day : undefined;
}

/** The UTC day of a Unix time in seconds, or `undefined` outside the plausible window. */
export function unixDay(seconds: number): string | undefined {
  if (!Number.isFinite(seconds) || seconds < UNIX_FROM || seconds > UNIX_TO) return undefined;
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** Shorten a value for a message. */
export function clip(v: string, n = 60): string {
  return v.length > n ? `${v.slice(0, n)}…` : v;
}

/** Empty → undefined, else trimmed. */
export function opt(v: string | undefined): string | undefined {
  const t = (v ?? "").trim();
  return t === "" ? undefined : t;
}
