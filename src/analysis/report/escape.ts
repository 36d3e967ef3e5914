/**
 * Escaping for text that comes from case data: every string a report takes from a record goes through one
 * of these before it is written into HTML, SVG or Markdown.
 * @module
 */

const HTML: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Escape text for HTML and SVG element content and attribute values.
 * @example escapeHtml('"><img onerror=x>') // "&quot;&gt;&lt;img onerror=x&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Escape text for Markdown: HTML-significant characters become entities (a Markdown viewer renders raw HTML),
 * and characters that start Markdown syntax are backslash-escaped; newlines become spaces.
 * @example escapeMarkdown("a | b <script>") // "a \\| b &lt;script&gt;"
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[&<>]/g, (c) => HTML[c] ?? c)
    .replace(/([\\`*_[\]|])/g, "\\$1");
}
