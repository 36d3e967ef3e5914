/**
 * Building blocks of the case-file schemas: dates in their human form, citations, and the fields every record has.
 * @module
 */
import { z } from "zod";
import { isIsoDay, parseWhen, type When } from "../domain/index.js";

/** A stable record id: lower-case letters, digits, dots, dashes and underscores. */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, "ids are lower-case letters, digits, '.', '-' or '_' (at most 128)");

/** A calendar day `YYYY-MM-DD`. */
export const DaySchema = z.string().refine(isIsoDay, { message: "must be a calendar day YYYY-MM-DD" });

/**
 * When something happened, in the human form: `1994-01-11`, `1991-01`, `1992`, or a range `1992-12/1993-01`.
 * Parsed into `{ from, to, precision }`.
 */
export const WhenSchema = z
  .string()
  .transform((text, ctx): When => {
    const w = parseWhen(text);
    if ("error" in w) {
      ctx.addIssue({ code: "custom", message: w.error });
      return z.NEVER;
    }
    return w;
  })
  .meta({ description: "YYYY-MM-DD, YYYY-MM, YYYY, or a range A/B of those" });

/**
 * When a record became known. A month or year means its last day: a record known "in March 1993" is only
 * used from 31 March on, so a replay never sees it early.
 */
export const KnownAtSchema = z
  .string()
  .transform((text, ctx): string => {
    const w = parseWhen(text);
    if ("error" in w) {
      ctx.addIssue({ code: "custom", message: w.error });
      return z.NEVER;
    }
    return w.to;
  })
  .meta({ description: "day the record became known; a month or year means its last day" });

export const CitationSchema = z.strictObject({
  source: IdSchema,
  locator: z.string().min(1, "a citation needs a locator (section, paragraph, note)"),
});

/** Fields every record has. */
export const recordBase = {
  id: IdSchema,
  occurredAt: WhenSchema,
  knownAt: KnownAtSchema,
  citations: z.array(CitationSchema).min(1, "every record cites at least one source"),
  notes: z.string().optional(),
};

export const EstimateSchema = z.strictObject({
  low: z.number().int().nonnegative().optional(),
  best: z.number().int().nonnegative().optional(),
  high: z.number().int().nonnegative().optional(),
});

/** An ISO 3166-1 alpha-3 code. */
export const CountrySchema = z.string().regex(/^[A-Z]{3}$/, "an ISO 3166-1 alpha-3 code such as RWA");
