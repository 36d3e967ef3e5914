/** What the engine assesses: a group in a country, or the civilians of a country or region. @module */
/**
 * A situation: a country and the group targeted there, or the civilians of a country (or of one of its
 * first-level regions) when the evidence codes no group.
 */
export interface Situation {
  /** `CCC/group-id`; `CCC/*` for a country's civilians; `CCC/*` + `/region-slug` for a region's civilians. */
  readonly id: string;
  readonly country: string;
  readonly group?: string;
  readonly groupName?: string;
  /** The first-level region, for a region's civilians (as the data names it). */
  readonly region?: string;
}
