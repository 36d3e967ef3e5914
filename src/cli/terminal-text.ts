/**
 * Text from an input file made safe to print on a terminal: a cell or a header holding `ESC ] 0 ; … BEL` or
 * `ESC [ 31 m` must not retitle, recolour or otherwise drive the user's terminal. Control characters are
 * shown visibly as `\uXXXX` instead.
 * @module
 */

/** C0 controls (U+0000–U+001F, which include TAB, LF, CR and ESC), DEL (U+007F) and C1 controls (U+0080–U+009F). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/gu;
/** What JSON.stringify leaves raw: DEL and C1 controls (it escapes C0 itself). */
const JSON_RAW_CONTROL = /[\u007f-\u009f]/gu;

function visible(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/**
 * `text` with every C0/C1 control character (newlines included) written as `\uXXXX`. Apply it to each piece
 * of text that comes from the input, and add the CLI's own line breaks after.
 * @example escapeControls("\u001b]0;PWNED\u0007") // "\\u001b]0;PWNED\\u0007"
 */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, visible);
}

/**
 * One JSON document (2-space indented, ending in a newline) with DEL and C1 controls escaped as well: the
 * same value once parsed, but nothing in it can drive a terminal when printed there.
 * @example terminalSafeJson({ cell: "\u009b31m" }) // '{\n  "cell": "\\u009b31m"\n}\n'
 */
export function terminalSafeJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(JSON_RAW_CONTROL, visible)}\n`;
}
