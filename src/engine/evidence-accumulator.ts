/**
 * Decayed evidence for one indicator in one scope, maintained incrementally. The decayed sum
 * Σ wᵢ·2^(−(T−tᵢ)/h) is kept as 2^(−(T−ref)/h) · Σ wᵢ·2^((tᵢ−ref)/h), so adding evidence is O(1) and reading it
 * on any later day is O(1); because both the full assessment and the replay feed evidence in the same global
 * order, they compute bit-identical sums.
 * @module
 */
import type { EvidenceItem } from "./evidence.js";

/** Re-anchor the reference day once exponents reach this many half-lives, far below double overflow (~1023). */
const REBASE_HALF_LIVES = 400;

export class EvidenceAccumulator {
  private ref = 0;
  private sum = 0;
  /** How many pieces of evidence were added. */
  count = 0;
  /** Bumped on every event, so callers can cache what they derive from {@link top}. */
  version = 0;
  /** The strongest pieces, strongest first (the order of decayed weights is the same on every later day). */
  readonly top: EvidenceItem[] = [];
  /** The sort key of each entry of {@link top}: log of its weight decayed to day 0. */
  readonly topKeys: number[] = [];

  constructor(
    private readonly halfLifeDays: number,
    private readonly keep: number,
  ) {}

  /** Add one evidence event (a new piece, or an upgrade of one already added). */
  add(item: EvidenceItem): void {
    if (this.version === 0) this.ref = item.day;
    this.version += 1;
    const h = this.halfLifeDays;
    if ((item.day - this.ref) / h > REBASE_HALF_LIVES) {
      this.sum *= 2 ** ((this.ref - item.day) / h);
      this.ref = item.day;
    }
    this.sum += item.gain * 2 ** ((item.day - this.ref) / h);
    if (item.upgrade) {
      // A better-graded source became known: the record's old entry gives way to its stronger self.
      const old = this.top.findIndex((t) => t.record === item.record && t.mapping === item.mapping);
      if (old >= 0) {
        this.top.splice(old, 1);
        this.topKeys.splice(old, 1);
      }
    } else this.count += 1;
    this.keepTop(item);
  }

  /** The decayed evidence mass on day number `day`. */
  valueAt(day: number): number {
    if (this.count === 0) return 0;
    return this.sum * 2 ** (-(day - this.ref) / this.halfLifeDays);
  }

  private keepTop(item: EvidenceItem): void {
    // log of the weight decayed to a fixed day: comparing these orders evidence by its weight on any day.
    const key = Math.log(item.weight) + (item.day * Math.LN2) / this.halfLifeDays;
    let i = this.topKeys.length;
    // Ties keep the earlier piece first (it was added first and has the lower seq).
    while (i > 0 && (this.topKeys[i - 1] as number) < key) i -= 1;
    if (i >= this.keep) return;
    this.top.splice(i, 0, item);
    this.topKeys.splice(i, 0, key);
    if (this.top.length > this.keep) {
      this.top.pop();
      this.topKeys.pop();
    }
  }
}
