/** The references each kind of record makes to other records, so the reader can check that they exist. @module */
import type { CaseManifest, RecordKind, RecordOf } from "../domain/index.js";
import type { JsonPath } from "./json-locate.js";

/** What a reference points at: a record kind, a manifest side, a requested action, or any record at all. */
export type RefTarget = RecordKind | "side" | "requestedAction" | "any";

/** One reference: where it sits in the record, what it must name, and the id it names. */
export interface Reference {
  readonly path: JsonPath;
  readonly target: RefTarget;
  readonly id: string;
}

const each = (ids: readonly string[] | undefined, at: JsonPath, target: RefTarget): Reference[] =>
  (ids ?? []).map((id, i) => ({ path: [...at, i], target, id }));
const one = (id: string | undefined, at: JsonPath, target: RefTarget): Reference[] =>
  id === undefined ? [] : [{ path: at, target, id }];

/**
 * Every reference a parsed record makes, citations included.
 * @example referencesOf("response", r) // [{ path: ["actor"], target: "actor", id: "undpko" }, …]
 */
export function referencesOf<K extends RecordKind>(kind: K, record: RecordOf<K>): Reference[] {
  const refs: Reference[] = record.citations.map((c, i) => ({
    path: ["citations", i, "source"],
    target: "source" as const,
    id: c.source,
  }));
  const r = record as RecordOf<RecordKind>;
  switch (kind) {
    case "actor": {
      const a = r as RecordOf<"actor">;
      refs.push(...one(a.memberOf, ["memberOf"], "actor"), ...one(a.side, ["side"], "side"));
      break;
    }
    case "incident": {
      const x = r as RecordOf<"incident">;
      refs.push(
        ...each(x.perpetrators, ["perpetrators"], "actor"),
        ...one(x.targetGroup, ["targetGroup"], "group"),
        ...each(x.targetGroups, ["targetGroups"], "group"),
        ...each(x.targets, ["targets"], "actor"),
      );
      break;
    }
    case "report": {
      const x = r as RecordOf<"report">;
      refs.push(
        ...each(x.authors, ["authors"], "actor"),
        ...one(x.targetGroup, ["targetGroup"], "group"),
        ...each(x.coversIncidents, ["coversIncidents"], "incident"),
      );
      x.recommendations.forEach((rec, i) =>
        refs.push(...each(rec.addressees, ["recommendations", i, "addressees"], "actor")),
      );
      break;
    }
    case "warning": {
      const x = r as RecordOf<"warning">;
      refs.push(
        ...one(x.sender, ["sender"], "actor"),
        ...each(x.recipients, ["recipients"], "actor"),
        ...one(x.targetGroup, ["targetGroup"], "group"),
        ...each(x.evidence, ["evidence"], "any"),
      );
      x.requestedActions.forEach((a, i) =>
        refs.push(...each(a.addressees, ["requestedActions", i, "addressees"], "actor")),
      );
      break;
    }
    case "response": {
      const x = r as RecordOf<"response">;
      refs.push(
        ...one(x.actor, ["actor"], "actor"),
        ...one(x.warning, ["warning"], "warning"),
        ...one(x.requestedAction, ["requestedAction"], "requestedAction"),
        ...one(x.targetGroup, ["targetGroup"], "group"),
      );
      break;
    }
    case "commitment": {
      const x = r as RecordOf<"commitment">;
      refs.push(
        ...one(x.actor, ["actor"], "actor"),
        ...one(x.addressee, ["addressee"], "actor"),
        ...one(x.deliveredBy, ["deliveredBy"], "response"),
      );
      break;
    }
    case "mandate": {
      const x = r as RecordOf<"mandate">;
      refs.push(...one(x.body, ["body"], "actor"), ...one(x.mission, ["mission"], "actor"));
      break;
    }
    case "capability": {
      const x = r as RecordOf<"capability">;
      refs.push(...one(x.force, ["force"], "actor"), ...one(x.owner, ["owner"], "actor"));
      break;
    }
    case "statement": {
      const x = r as RecordOf<"statement">;
      refs.push(...one(x.actor, ["actor"], "actor"), ...one(x.targetGroup, ["targetGroup"], "group"));
      break;
    }
    case "tribunal": {
      const x = r as RecordOf<"tribunal">;
      refs.push(...one(x.actor, ["actor"], "actor"), ...one(x.establishedBy, ["establishedBy"], "actor"));
      break;
    }
    case "tribunalCase": {
      const x = r as RecordOf<"tribunalCase">;
      refs.push(
        ...one(x.tribunal, ["tribunal"], "tribunal"),
        ...one(x.accused, ["accused"], "actor"),
        ...one(x.side, ["side"], "side"),
      );
      break;
    }
    case "group":
    case "source":
      break;
  }
  return refs;
}

/** References the manifest makes: its evaluation's onset group. */
export function manifestReferences(m: CaseManifest): Reference[] {
  return one(m.evaluation?.onsetGroup, ["evaluation", "onsetGroup"], "group");
}

/** The references of a record that failed its schema, as far as they can be read (ids that are strings). */
export function bestEffortReferences(kind: RecordKind, element: unknown): Reference[] {
  if (typeof element !== "object" || element === null || Array.isArray(element)) return [];
  try {
    const e = element as Record<string, unknown>;
    const loose = { ...e, citations: Array.isArray(e.citations) ? e.citations : [] } as unknown as RecordOf<
      typeof kind
    >;
    return referencesOf(kind, loose).filter(
      (r) => typeof r.id === "string" && r.path.every((p) => p !== undefined),
    );
  } catch {
    return [];
  }
}

/** How a reference target is named in messages. */
export const TARGET_LABEL: Readonly<Record<RefTarget, string>> = {
  actor: "actor (actors.json)",
  group: "group (groups.json)",
  source: "source (sources.json)",
  incident: "incident (incidents.json)",
  report: "report (reports.json)",
  warning: "warning (warnings.json)",
  response: "response (responses.json)",
  commitment: "commitment (commitments.json)",
  mandate: "mandate (mandates.json)",
  capability: "capability (capabilities.json)",
  statement: "statement (statements.json)",
  tribunal: "tribunal (tribunals.json)",
  tribunalCase: "tribunal case (tribunal-cases.json)",
  side: "side (case.json sides)",
  requestedAction: "requested action (warnings.json requestedActions)",
  any: "record of this case",
};
