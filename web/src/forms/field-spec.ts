// A record kind's form, read from its zod schema in src/contracts (the same schema the server and the case
// folders validate with): each field's widget, its options (the contracts' enumerations, never copied) and
// whether it is required. Ids that point at other records become searchable pickers of that kind.
import type { z } from "zod";
import {
  CitationSchema,
  CountrySchema,
  DaySchema,
  KnownAtSchema,
  WhenSchema,
} from "../../../src/contracts/common.schema.js";
import { RECORD_SCHEMAS } from "../../../src/contracts/case.schema.js";

export type RecordKind = keyof typeof RECORD_SCHEMAS;
/** Every record kind, in the order the case folders list them. */
export const KINDS = Object.keys(RECORD_SCHEMAS) as RecordKind[];

/** What an id field points at: a record kind, or the case's sides. */
export type RefTarget = RecordKind | "side";

export type Spec =
  | { readonly t: "text"; readonly long: boolean }
  | { readonly t: "number"; readonly int: boolean }
  | { readonly t: "boolean" }
  | { readonly t: "tristate" }
  | { readonly t: "enum"; readonly options: readonly string[] }
  | { readonly t: "enums"; readonly options: readonly string[] }
  | { readonly t: "when" }
  | { readonly t: "day" }
  | { readonly t: "country" }
  | { readonly t: "countries" }
  | { readonly t: "ref"; readonly target: RefTarget }
  | { readonly t: "refs"; readonly target: RefTarget }
  | { readonly t: "strings" }
  | { readonly t: "object"; readonly fields: readonly FieldOf[] }
  | { readonly t: "list"; readonly item: Spec; readonly citations: boolean }
  | { readonly t: "reliability"; readonly options: readonly string[] }
  | { readonly t: "credibility" };

/** One field of an object: its name, widget, whether it must be given, and whether it has a default. */
export interface FieldOf {
  readonly name: string;
  readonly spec: Spec;
  readonly required: boolean;
}

/** Id fields by name and what they point at (a UI hint: which records to offer in the picker). */
const REFS: Readonly<Record<string, RefTarget>> = {
  actor: "actor",
  sender: "actor",
  recipients: "actor",
  perpetrators: "actor",
  targets: "actor",
  authors: "actor",
  addressees: "actor",
  addressee: "actor",
  body: "actor",
  mission: "actor",
  force: "actor",
  owner: "actor",
  deliveredBy: "actor",
  establishedBy: "actor",
  accused: "actor",
  memberOf: "actor",
  targetGroup: "group",
  targetGroups: "group",
  source: "source",
  warning: "warning",
  evidence: "incident",
  coversIncidents: "incident",
  tribunal: "tribunal",
  side: "side",
};

/** Fields whose text is long enough for a text area. */
const LONG = new Set(["summary", "notes", "text", "description", "measure", "sentence"]);

type AnyZod = z.ZodType & { _zod: { def: Record<string, unknown> & { type: string } } };

function def(s: z.ZodType): AnyZod["_zod"]["def"] {
  return (s as AnyZod)._zod.def;
}

/** Unwrap optional / default / nullable, saying which wrappers there were. */
function unwrap(s: z.ZodType): { inner: z.ZodType; optional: boolean; nullable: boolean } {
  let inner = s;
  let optional = false;
  let nullable = false;
  for (;;) {
    const d = def(inner);
    if (d.type === "optional" || d.type === "default") optional = true;
    else if (d.type === "nullable") nullable = true;
    else return { inner, optional, nullable };
    inner = d.innerType as z.ZodType;
  }
}

function enumOptions(s: z.ZodType): string[] | undefined {
  const d = def(s);
  if (d.type !== "enum") return undefined;
  return Object.values(d.entries as Record<string, string>);
}

/** The widget of one field. */
function specOf(name: string, s: z.ZodType, nullable: boolean): Spec {
  if (s === WhenSchema) return { t: "when" };
  if (s === DaySchema || s === KnownAtSchema) return { t: "day" };
  if (s === CountrySchema) return { t: "country" };
  const d = def(s);
  if (name === "reliability") return { t: "reliability", options: enumOptions(s) ?? [] };
  if (name === "credibility") return { t: "credibility" };
  const options = enumOptions(s);
  if (options) return { t: "enum", options };
  switch (d.type) {
    case "boolean":
      return nullable ? { t: "tristate" } : { t: "boolean" };
    case "number":
      return { t: "number", int: (s as z.ZodNumber).isInt };
    case "object":
      return { t: "object", fields: fieldsOf(s) };
    case "array": {
      const el = unwrap(d.element as z.ZodType).inner;
      if (el === CountrySchema) return { t: "countries" };
      const elOptions = enumOptions(el);
      if (elOptions) return { t: "enums", options: elOptions };
      if (def(el).type === "object")
        return { t: "list", item: specOf(name, el, false), citations: el === CitationSchema };
      return REFS[name] ? { t: "refs", target: REFS[name] } : { t: "strings" };
    }
    case "string":
      return REFS[name] ? { t: "ref", target: REFS[name] } : { t: "text", long: LONG.has(name) };
    default:
      return { t: "text", long: false };
  }
}

/** The fields of an object schema, in its order. */
export function fieldsOf(schema: z.ZodType): FieldOf[] {
  const shape = (def(schema).shape ?? {}) as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, s]) => {
    const { inner, optional, nullable } = unwrap(s);
    return { name, spec: specOf(name, inner, nullable), required: !optional };
  });
}

/** The form of a record kind: its fields, citations and notes last. */
export function formOf(kind: RecordKind): FieldOf[] {
  const fields = fieldsOf(RECORD_SCHEMAS[kind]);
  const last = ["citations", "notes"];
  return [...fields.filter((f) => !last.includes(f.name)), ...fields.filter((f) => last.includes(f.name))];
}
