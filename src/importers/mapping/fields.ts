/**
 * Field parsers shared by the format mappers. Each returns the value or records a problem naming the field;
 * none throws, so one bad cell makes one reject and the import goes on.
 * @module
 */
import { isIsoDay } from "../../domain/index.js";
import type { RowProblem } from "./mapped-row.js";

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

  /** A calendar day from `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS`, `YYYYMMDD` or `16 May 2025`. */
  day(field: string, value: string | undefined): string {
    const v = (value ?? "").trim();
    const d = parseDay(v);
    if (d === undefined) {
      this.problems.push({ field, reason: v === "" ? "is empty" : `"${clip(v)}" is not a date` });
      return "";
    }
    return d;
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

/** The UTC day of a Unix time in seconds. */
export function unixDay(seconds: number): string {
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
