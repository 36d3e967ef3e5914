/**
 * Mandates of missions: who adopted them, on what legal basis, what tasks they give, and when the force arrived.
 * @module
 */
import type { RecordBase } from "./record.js";

export const LEGAL_BASES = ["chapter-vi", "chapter-vii", "chapter-viii", "bilateral", "other"] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

export const TASK_CATEGORIES = [
  "protection-of-civilians",
  "security-assistance",
  "ceasefire-monitoring",
  "security-monitoring",
  "demining",
  "humanitarian-coordination",
  "mediation",
  "disarmament",
  "human-rights-monitoring",
  "other",
] as const;
export type TaskCategory = (typeof TASK_CATEGORIES)[number];

export interface MandateTask {
  readonly text: string;
  readonly category: TaskCategory;
}

export interface Mandate extends RecordBase {
  readonly body: string;
  readonly mission: string;
  readonly resolution?: string;
  readonly legalBasis: LegalBasis;
  readonly tasks: readonly MandateTask[];
  /**
   * False when the source does not say what the mandate tasks the mission with (`tasks` may then be empty):
   * whether it protects civilians is then undetermined, not "no". Absent means the tasks are known.
   */
  readonly tasksKnown?: boolean;
  readonly troopCeiling?: number;
  /** Day the mandate ended or was replaced, if it did. `occurredAt` is its adoption. */
  readonly endedAt?: string;
  /** Day deployment began (for decision-to-deployment delays). */
  readonly deployedAt?: string;
  readonly country?: string;
}

/** Whether a mandate tasks the mission with protecting civilians. */
export function protectsCivilians(m: Mandate): boolean {
  return m.tasks.some((t) => t.category === "protection-of-civilians");
}
