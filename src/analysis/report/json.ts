/** The scorecard as one JSON document. @module */
import type { Scorecard } from "../scorecard/scorecard.js";

/**
 * Render the scorecard as pretty-printed JSON (with a trailing newline).
 * @example JSON.parse(renderJson(sc)).prevention.findings.length
 */
export function renderJson(sc: Scorecard): string {
  return `${JSON.stringify(sc, null, 2)}\n`;
}
