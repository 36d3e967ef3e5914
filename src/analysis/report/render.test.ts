import { describe, expect, it } from "vitest";
import { actor, bundle, source, statement, warning } from "../../../test/analysis/helpers/bundle.js";
import type { Lexicon } from "../../domain/index.js";
import { buildScorecard } from "../scorecard/scorecard.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderTimelineSvg } from "./timeline-svg.js";

const HOSTILE = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`;
const lexicon: Lexicon = {
  version: "t",
  languages: [{ language: "en", terms: [{ text: "genocide", class: "naming" }], hedges: [] }],
};
const secret = { name: "Agent Nightingale", contact: "+1 555 0100", exactPlace: "Room 7, Hotel Zeta" };

const hostile = bundle(
  {
    source: [
      source("src-a", { title: HOSTILE }),
      source("src-x", {
        confidential: true,
        title: "Informant X",
        author: "Agent Nightingale",
        protectedIdentity: secret,
      }),
    ],
    actor: [
      actor("hq", ["mission-headquarters"], { name: HOSTILE }),
      actor("field", [], { name: `Field ${HOSTILE}` }),
    ],
    warning: [
      warning("w1", "1994-01-11", {
        sender: "field",
        recipients: ["hq"],
        summary: HOSTILE,
        citations: [
          { source: "src-x", locator: "met at Room 7, Hotel Zeta" },
          { source: "src-a", locator: HOSTILE },
        ],
        requestedActions: [{ id: "a1", kind: "other", description: HOSTILE }],
      }),
    ],
    statement: [statement("s1", "1994-05-01", { actor: "hq", terms: ["genocide"], text: HOSTILE })],
  },
  { title: HOSTILE, evaluation: { onset: "1994-04-07" } },
);
const sc = buildScorecard(hostile, {
  asOf: "1994-12-31",
  lexicon,
  levels: [{ situation: HOSTILE, level: "ongoing", from: "1994-04-07", to: "1994-07-01" }],
});

describe("renderHtml", () => {
  const html = renderHtml(sc);

  it("escapes every text taken from the case", () => {
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain('"><img');
    expect(html).toContain(
      "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;",
    );
  });

  it("is self-contained: one style element, no script, no external asset, an inline SVG chart", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html.match(/<style>/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|<[^>]+\ssrc=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    expect(html).toMatch(/<svg [^>]*class="timeline"/);
    expect(html).toContain('class="ev gap"');
  });

  it("never shows a confidential source's protected identity or locator", () => {
    for (const text of [html, renderMarkdown(sc), renderJson(sc)]) {
      for (const value of [...Object.values(secret), "Agent Nightingale", "Informant X"])
        expect(text).not.toContain(value);
      expect(text).toContain("src-x");
      expect(text).toContain("Protected source");
    }
  });
});

describe("renderMarkdown", () => {
  it("escapes case text and starts with the title", () => {
    const md = renderMarkdown(sc);
    expect(md.startsWith("# Genocide Convention scorecard: &lt;script&gt;")).toBe(true);
    expect(md).not.toContain("<script");
    expect(md).not.toContain("<img");
    expect(md).toContain("## Duty to prevent");
    expect(md).toContain("## Duty to punish");
  });
});

describe("renderJson", () => {
  it("round-trips the scorecard", () => {
    expect(JSON.parse(renderJson(sc))).toEqual(JSON.parse(JSON.stringify(sc)));
  });
});

describe("renderTimelineSvg", () => {
  it("draws level bands and events in the window, and nothing for an empty window", () => {
    const svg = renderTimelineSvg({
      from: "1994-01-01",
      to: "1994-12-31",
      levels: [{ situation: "A/b", level: "high", from: "1994-01-01", to: "1994-03-31" }],
      events: [{ day: "1994-02-01", lane: "warning", label: "W", record: "w1", gap: true }],
    });
    expect(svg.match(/<rect /g)).toHaveLength(1);
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toContain('fill="#f2b25c"');
    expect(renderTimelineSvg({ from: "1994-12-31", to: "1994-01-01", levels: [], events: [] })).toBe("");
  });
});
