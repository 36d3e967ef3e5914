import { describe, expect, it } from "vitest";
import { escapeHtml, escapeMarkdown } from "./escape.js";

describe("escapeHtml", () => {
  it("escapes every HTML-significant character", () => {
    expect(escapeHtml(`<script>alert("x")</script> & '"><img onerror=alert(1)>`)).toBe(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;&quot;&gt;&lt;img onerror=alert(1)&gt;",
    );
    expect(escapeHtml("")).toBe("");
  });
});

describe("escapeMarkdown", () => {
  it("neutralises HTML and Markdown syntax and keeps one line", () => {
    expect(escapeMarkdown("a | b <script>\n*x* [l](u) `c`")).toBe(
      "a \\| b &lt;script&gt; \\*x\\* \\[l\\](u) \\`c\\`",
    );
  });
});
