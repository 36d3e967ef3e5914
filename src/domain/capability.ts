/**
 * Capabilities: forces that could have acted — who, how many, where, how fast they could arrive, and what
 * they were actually tasked to do.
 * @module
 */
import type { RecordBase } from "./record.js";

export const TASKINGS = [
  "evacuation-only",
  "protection-of-civilians",
  "standby",
  "combat",
  "peacekeeping",
  "withdrawn",
  "none",
] as const;
export type Tasking = (typeof TASKINGS)[number];

export interface Capability extends RecordBase {
  readonly force: string;
  /** The state or organisation the force belongs to. */
  readonly owner?: string;
  readonly size?: number;
  readonly sizeApproximate?: boolean;
  readonly location: string;
  /** Hours to reach the affected area. */
  readonly timeToReachHours?: number;
  readonly tasking: Tasking;
  readonly country?: string;
  readonly summary: string;
  /** An estimate of the force needed (e.g. a commander's estimate), as opposed to one that existed. */
  readonly hypothetical?: boolean;
}
