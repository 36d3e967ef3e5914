/**
 * Stable record ids from provider keys and names: the same provider actor always gets the same id, so a
 * re-import or a second file links to the actor already stored. Ids follow the case-file id grammar
 * (lower-case letters, digits, `.`, `-`, `_`; at most 128).
 * @module
 */
import { createHash } from "node:crypto";

/** Lower-case, ASCII-folded slug of a name (`Military Forces of Afghanistan (2021-)` → `military-forces-of-afghanistan-2021`). */
export function slug(name: string, max = 60): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return s.slice(0, max).replace(/-+$/, "") || "x";
}

/** A short hex digest, for disambiguating slugs that collide or were cut. */
export function shortHash(text: string, n = 8): string {
  return createHash("sha1").update(text, "utf8").digest("hex").slice(0, n);
}

/**
 * An id under `prefix` for a provider key. Keys that already fit the grammar are kept readable; others are
 * slugged with a hash suffix so distinct keys never collide.
 * @example providerRecordId("acled", "ARG10607") // "acled.arg10607"
 */
export function providerRecordId(prefix: string, key: string): string {
  const lower = key.trim().toLowerCase();
  if (/^[a-z0-9][a-z0-9._-]*$/.test(lower) && prefix.length + 1 + lower.length <= 128)
    return `${prefix}.${lower}`;
  return `${prefix}.${slug(lower, 80)}-${shortHash(key)}`;
}

/**
 * The id of a provider actor from its name (ACLED, which has no actor codes).
 * @example actorIdFromName("acled", "Protesters (Argentina)") // "acled.actor.protesters-argentina-1a2b3c4d"
 */
export function actorIdFromName(provider: string, name: string): string {
  const key = `${provider}\u0000${name}`;
  let id = actorIds.get(key);
  if (id === undefined) {
    id = `${provider}.actor.${slug(name)}-${shortHash(name)}`;
    // Actor names repeat across millions of rows: remember a bounded number of them.
    if (actorIds.size >= 50_000) actorIds.clear();
    actorIds.set(key, id);
  }
  return id;
}

const actorIds = new Map<string, string>();
