/**
 * How sure a record is, from the sources it cites that are known on the day: the Admiralty grade of the best one
 * (its weight for the Framework score), the confidence tier the best-graded of them reaches, the ids of all of
 * them, and the primary source (the best-graded) that convergence counts once per record.
 * @module
 */
import type { Source } from "../domain/index.js";
import { DEFAULT_CONFIDENCE, tierOfGrade, type Tier } from "./confidence.js";
import type { ValidRulebook } from "./rulebook.js";

export interface Grade {
  readonly weight: number;
  readonly grade?: string;
  readonly tier: Tier;
  readonly sources: readonly string[];
  /** The best-graded known source (ties to the earliest known). */
  readonly primary?: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The sources known so far, and the grade they give a record that cites them. */
export class SourceGrades {
  private readonly sources = new Map<string, Source>();

  constructor(private readonly rulebook: ValidRulebook) {}

  add(s: Source): void {
    this.sources.set(s.id, s);
  }

  has(id: string): boolean {
    return this.sources.has(id);
  }

  private weightOf(s: Source): number {
    const g = this.rulebook.grading;
    return (g.reliability[s.reliability] ?? 0) * (g.credibility[String(s.credibility)] ?? 0);
  }

  /**
   * The grade of a record citing `cited`, from the sources known now (the best weight; ties to the earliest known).
   * @example grades.gradeOf(["src-un-report"]).tier // 2 for a B2 source
   */
  gradeOf(cited: readonly string[]): Grade {
    const known = cited
      .map((id) => this.sources.get(id))
      .filter((s): s is Source => s !== undefined)
      .sort((a, b) => cmp(a.knownAt, b.knownAt) || cmp(a.id, b.id));
    const rule = this.rulebook.confidence ?? DEFAULT_CONFIDENCE;
    let best: Source | undefined;
    let tier: Tier = 0;
    for (const s of known) {
      if (best === undefined || this.weightOf(s) > this.weightOf(best)) best = s;
      const t = tierOfGrade(`${s.reliability}${s.credibility}`, rule);
      if (t > tier) tier = t;
    }
    if (best === undefined) return { weight: this.rulebook.grading.unknownSource, tier: 0, sources: [] };
    return {
      weight: this.weightOf(best),
      grade: `${best.reliability}${best.credibility}`,
      tier,
      sources: known.map((s) => s.id).sort(),
      primary: best.id,
    };
  }
}
