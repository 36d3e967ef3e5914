/**
 * Escalation along a case's chain of roles: when a request lapses, the next link of the chain (the actors
 * holding the next role) is where the warning should go, dated at the lapse.
 * @module
 */
import type { Actor } from "../../domain/index.js";

export interface Escalation {
  readonly warning: string;
  readonly action: string;
  /** The lapse date: the first day past the due date. */
  readonly at: string;
  /** The highest role in the chain held by an addressee, if any holds one. */
  readonly fromRole?: string;
  /** The next role in the chain, if the chain goes on. */
  readonly toRole?: string;
  /** Actors holding `toRole` (addressees excluded). */
  readonly toActors: readonly string[];
  /** True when the addressees already hold the last link (or the case has no chain). */
  readonly exhausted: boolean;
}

/**
 * The escalation of a lapsed request. Addressees holding no role of the chain escalate to its first link.
 * @example escalate(["m", "hq", "sg"], actors, ["dpko"], "w1", "a1", "1994-02-11").toRole // "sg"
 */
export function escalate(
  chain: readonly string[],
  actors: readonly Actor[],
  addressees: readonly string[],
  warning: string,
  action: string,
  at: string,
): Escalation {
  let position = -1;
  for (const a of actors) {
    if (!addressees.includes(a.id)) continue;
    for (const role of a.roles) position = Math.max(position, chain.indexOf(role));
  }
  const fromRole = position >= 0 ? chain[position] : undefined;
  const toRole = chain[position + 1];
  const base = { warning, action, at, ...(fromRole === undefined ? {} : { fromRole }) };
  if (toRole === undefined) return { ...base, toActors: [], exhausted: true };
  const toActors = actors
    .filter((a) => (a.roles as readonly string[]).includes(toRole) && !addressees.includes(a.id))
    .map((a) => a.id)
    .sort();
  return { ...base, toRole, toActors, exhausted: false };
}
