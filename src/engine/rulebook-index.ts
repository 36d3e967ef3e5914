/**
 * Lookups over a valid rulebook, computed once per rulebook and cached (a rulebook is immutable).
 * @module
 */
import type { IndicatorRule, ValidRulebook } from "./rulebook.js";

const byId = new WeakMap<ValidRulebook, ReadonlyMap<string, IndicatorRule>>();
const signals = new WeakMap<ValidRulebook, ReadonlyMap<string, readonly string[]>>();

/** The rulebook's indicators by id. */
export function indicatorsById(rulebook: ValidRulebook): ReadonlyMap<string, IndicatorRule> {
  let m = byId.get(rulebook);
  if (!m) {
    m = new Map(rulebook.indicators.map((i) => [i.id, i]));
    byId.set(rulebook, m);
  }
  return m;
}

/** Each indicator's signals, by indicator id. */
export function signalsById(rulebook: ValidRulebook): ReadonlyMap<string, readonly string[]> {
  let m = signals.get(rulebook);
  if (!m) {
    m = new Map(rulebook.indicators.map((i) => [i.id, i.signals]));
    signals.set(rulebook, m);
  }
  return m;
}
