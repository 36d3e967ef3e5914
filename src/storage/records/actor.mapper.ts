/** Mappers between the `actors` row and the domain's Actor. */
import type { Actor } from "../../domain/index.js";
import type { ActorRow } from "./actor.table.js";
import { bit, orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** An Actor as its `actors` row. */
export function actorToRow(caseId: string, r: Actor): ActorRow {
  return {
    ...recordColumns(caseId, "actor", r),
    kind: r.kind,
    name: r.name,
    member_of: orNull(r.memberOf),
    side: orNull(r.side),
    country: orNull(r.country),
    duty_bearer: bit(r.dutyBearer),
  };
}

/** The Actor an `actors` row holds. */
export function actorRowToActor(row: ActorRow): Actor {
  return recordFromColumns<Actor>(row);
}
