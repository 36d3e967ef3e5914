/** Mappers between the `capabilities` row and the domain's Capability. */
import type { Capability } from "../../domain/index.js";
import type { CapabilityRow } from "./capability.table.js";
import { orNull, recordColumns, recordFromColumns } from "./record-row.js";

/** A Capability as its `capabilities` row. */
export function capabilityToRow(caseId: string, r: Capability): CapabilityRow {
  return {
    ...recordColumns(caseId, "capability", r),
    force_id: r.force,
    owner_id: orNull(r.owner),
    tasking: r.tasking,
    country: orNull(r.country),
  };
}

/** The Capability a `capabilities` row holds. */
export function capabilityRowToCapability(row: CapabilityRow): Capability {
  return recordFromColumns<Capability>(row);
}
