/**
 * The ids of every confidential source in the store, so adapters can withhold the locators of citations that
 * point at them (see `redactCitations` in the domain).
 * @module
 */
import type { Store } from "../store.js";

/**
 * Ids of the confidential sources of every stored case. An id confidential in any case counts as confidential
 * (over-redacting is the safe side).
 * @example (await confidentialSourceIds(store)).has("src-informant") // true
 */
export async function confidentialSourceIds(store: Store): Promise<ReadonlySet<string>> {
  const rows = await store.db.selectFrom("sources").select("id").where("confidential", "=", 1).execute();
  return new Set(rows.map((r) => r.id));
}
