/**
 * HXL hashtag matching: a column tagged `#adm1 +name +provider` matches the pattern `#adm1+name` because the
 * pattern's attributes are a subset of the column's. Attribute order, case and spaces do not matter.
 * @module
 */

/** A parsed hashtag: the tag and its attributes, lower-cased. */
export interface HxlTag {
  readonly tag: string;
  readonly attributes: ReadonlySet<string>;
}

/** Parse `#affected +killed` → { tag: "affected", attributes: {"killed"} }; `undefined` when not a hashtag. */
export function parseHxlTag(text: string): HxlTag | undefined {
  const m = /^#([a-z][a-z0-9_]*)((?:\s*\+\s*[a-z][a-z0-9_]*)*)\s*$/i.exec(text.trim());
  if (!m) return undefined;
  const attributes = new Set(
    (m[2] ?? "")
      .split("+")
      .map((a) => a.trim().toLowerCase())
      .filter((a) => a !== ""),
  );
  return { tag: (m[1] as string).toLowerCase(), attributes };
}

/** True when most non-empty cells of a row are hashtags: the HXL hashtag row. */
export function isHashtagRow(row: readonly string[]): boolean {
  const cells = row.map((c) => c.trim()).filter((c) => c !== "");
  return cells.length > 0 && cells.filter((c) => parseHxlTag(c) !== undefined).length * 2 > cells.length;
}

/**
 * The column best matching `pattern` (e.g. `#adm1+code`): every pattern attribute present, fewest extra
 * attributes, then leftmost. `-1` when no column matches.
 * @example findHxlColumn(tags, "#adm1+name") // prefers "#adm1+name" over "#adm1+name+provider"
 */
export function findHxlColumn(
  tags: readonly (HxlTag | undefined)[],
  pattern: string,
  exclude: readonly string[] = [],
): number {
  const p = parseHxlTag(pattern);
  if (!p) throw new Error(`findHxlColumn: "${pattern}" is not a hashtag pattern`);
  let best = -1;
  let bestExtra = Infinity;
  tags.forEach((t, i) => {
    if (!t || t.tag !== p.tag) return;
    for (const a of p.attributes) if (!t.attributes.has(a)) return;
    for (const x of exclude) if (t.attributes.has(x)) return;
    const extra = t.attributes.size - p.attributes.size;
    if (extra < bestExtra) {
      best = i;
      bestExtra = extra;
    }
  });
  return best;
}
