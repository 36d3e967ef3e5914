/**
 * A finding of the scorecard: one computed fact about a duty, with the records it rests on and their citations.
 * @module
 */
import type { CaseBundle } from "../../domain/index.js";
import { citationsOf, type CitationView } from "../evidence.js";

/** The two duties of the Genocide Convention (Article I). */
export type Duty = "prevention" | "punishment";

export const FINDING_TOPICS = [
  "warnings",
  "escalation",
  "commitments",
  "mandates",
  "capabilities",
  "deployment",
  "drawdowns",
  "naming",
  "outcomes",
  "detention",
  "cost",
  "one-sidedness",
  "jurisdiction",
] as const;
export type FindingTopic = (typeof FINDING_TOPICS)[number];

/** `gap`: the duty was not met here; `met`: it was; `info`: a figure without a verdict. */
export type Verdict = "gap" | "met" | "info";

export type FigureValue = number | string | boolean | null;

export interface Finding {
  readonly id: string;
  readonly duty: Duty;
  readonly topic: FindingTopic;
  readonly verdict: Verdict;
  /** One sentence stating the fact, computed from the records. */
  readonly text: string;
  readonly date?: string;
  readonly figures: Readonly<Record<string, FigureValue>>;
  /** Ids of the records the finding rests on. */
  readonly evidence: readonly string[];
  /** The names of the actors among `evidence`, by id: what a reader sees instead of their ids. */
  readonly evidenceNames: Readonly<Record<string, string>>;
  readonly citations: readonly CitationView[];
}

/** Builds findings for one bundle: resolves actor names and attaches citations of the evidence. */
export class FindingMaker {
  private readonly names: ReadonlyMap<string, string>;

  constructor(private readonly bundle: CaseBundle) {
    this.names = new Map(bundle.records.actor.map((a) => [a.id, a.name]));
  }

  /** The display name of an actor id (the id itself when the actor is not in the record). */
  name(id: string): string {
    return this.names.get(id) ?? id;
  }

  /** Names of several actors, joined. */
  listNames(ids: readonly string[]): string {
    return ids.length === 0 ? "nobody" : ids.map((id) => this.name(id)).join(", ");
  }

  /** A finding with the citations of its evidence. */
  make(f: Omit<Finding, "citations" | "evidenceNames">): Finding {
    const evidence = [...new Set(f.evidence)];
    const evidenceNames: Record<string, string> = {};
    for (const id of evidence) {
      const name = this.names.get(id);
      if (name !== undefined) evidenceNames[id] = name;
    }
    return { ...f, evidence, evidenceNames, citations: citationsOf(this.bundle, evidence) };
  }
}

/** "1 day" / "3 days". */
export function days(n: number): string {
  return `${n} day${Math.abs(n) === 1 ? "" : "s"}`;
}
