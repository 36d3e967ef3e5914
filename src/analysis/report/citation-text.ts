/** How a citation reads in a report (before escaping). @module */
import type { CitationView } from "../evidence.js";

/**
 * "src-article (Title), §2 ¶3" for a public source; "src-x (Protected source)" for a confidential one.
 * @example citationText({ source: "s1", label: "Protected source", protected: true }) // "s1 (Protected source)"
 */
export function citationText(c: CitationView): string {
  return c.protected || c.locator === undefined
    ? `${c.source} (${c.label})`
    : `${c.source} (${c.label}), ${c.locator}`;
}
