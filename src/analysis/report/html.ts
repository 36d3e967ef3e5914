/**
 * The scorecard as a self-contained, printable HTML page: no external asset, no script, CSS in one <style>
 * element, the timeline as inline SVG. Every text from the case is escaped.
 * @module
 */
import { maxDay, minDay } from "../../domain/index.js";
import { RISK_LEVELS } from "../level-span.js";
import type { Finding } from "../scorecard/finding.js";
import { scorecardHeadlines } from "../scorecard/headlines.js";
import type { DutySection, Scorecard } from "../scorecard/scorecard.js";
import { citationText } from "./citation-text.js";
import { escapeHtml as esc } from "./escape.js";
import { LEVEL_COLOURS, renderTimelineSvg } from "./timeline-svg.js";

const STYLE = `
:root { --ink: #1d232a; --muted: #5b6670; --gap: #a3261b; --met: #23703a; --line: #d5dbe0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; text-transform: capitalize; }
.meta, .muted { color: var(--muted); }
ul.headlines { padding-left: 1.2rem; }
ul.findings { list-style: none; padding: 0; }
ul.findings li { border-left: 4px solid var(--line); padding: .3rem .7rem; margin: .5rem 0; break-inside: avoid; }
ul.findings li.gap { border-color: var(--gap); }
ul.findings li.met { border-color: var(--met); }
.verdict { font: bold .75rem/1 system-ui, sans-serif; text-transform: uppercase; letter-spacing: .05em; margin-right: .4rem; }
li.gap .verdict { color: var(--gap); }
li.met .verdict { color: var(--met); }
.refs { font-size: .85rem; color: var(--muted); }
code { font-size: .85em; }
figure { margin: 1rem 0; }
svg.timeline { font: 11px system-ui, sans-serif; }
svg .tick { stroke: var(--line); }
svg .tick-label { fill: var(--muted); text-anchor: middle; }
svg .lane-label { fill: var(--ink); text-anchor: end; }
svg .ev { fill: #4d6b86; stroke: #fff; stroke-width: 1; }
svg .ev.gap { fill: var(--gap); }
.legend span { display: inline-block; margin-right: 1rem; font: .8rem system-ui, sans-serif; }
.legend i { display: inline-block; width: .9rem; height: .9rem; vertical-align: -2px; margin-right: .3rem; border: 1px solid #999; }
@media print { body { max-width: none; padding: 0; font-size: 11pt; } h2 { break-after: avoid; } }
`;

function findingItem(f: Finding): string {
  const evidence =
    f.evidence.length === 0
      ? ""
      : `<div class="refs">Evidence: ${f.evidence.map((e) => (f.evidenceNames[e] !== undefined ? esc(f.evidenceNames[e]) : `<code>${esc(e)}</code>`)).join(", ")}</div>`;
  const sources =
    f.citations.length === 0
      ? ""
      : `<div class="refs">Sources: ${f.citations.map((c) => esc(citationText(c))).join("; ")}</div>`;
  return `<li class="${f.verdict}"><span class="verdict">${f.verdict}</span>${esc(f.text)}${evidence}${sources}</li>`;
}

function dutySection(title: string, s: DutySection): string {
  const out = [
    `<section><h2>${title}</h2><p class="muted">${s.gaps} gap(s), ${s.met} duty(ies) met, ${s.findings.length} finding(s).</p>`,
  ];
  let topic: string | undefined;
  for (const f of s.findings) {
    if (f.topic !== topic) {
      if (topic !== undefined) out.push("</ul>");
      topic = f.topic;
      out.push(`<h3>${esc(topic)}</h3><ul class="findings">`);
    }
    out.push(findingItem(f));
  }
  if (topic !== undefined) out.push("</ul>");
  out.push("</section>");
  return out.join("\n");
}

/**
 * Render the scorecard as one HTML page.
 * @example renderHtml(sc).includes("<script") // false
 */
export function renderHtml(sc: Scorecard): string {
  const chartTo = minDay(sc.asOf, sc.case.period.to);
  const chartFrom = sc.levels.reduce((m, s) => minDay(m, s.from), sc.case.period.from);
  const svg = renderTimelineSvg({
    from: chartFrom,
    to: maxDay(chartTo, chartFrom),
    levels: sc.levels,
    events: sc.timeline,
  });
  const legend = RISK_LEVELS.map(
    (l) => `<span><i style="background:${LEVEL_COLOURS[l]}"></i>${l}</span>`,
  ).join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Genocide Convention scorecard: ${esc(sc.case.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Genocide Convention scorecard</h1>
<p><strong>${esc(sc.case.title)}</strong> <span class="meta">(<code>${esc(sc.case.id)}</code>, ${esc(sc.case.period.from)} to ${esc(sc.case.period.to)}; as of ${esc(sc.asOf)}${sc.onset ? `; declared onset ${esc(sc.onset)}` : ""})</span></p>
<p class="meta">Every figure is computed from the case records; requests and commitments without a due date get an assumed ${sc.responseWindowDays}-day window, and every finding resting on an assumed due date says &quot;due date assumed&quot;; a commitment with unknown delivery and no due date is undetermined.</p>
</header>
<section><h2>Headlines</h2><ul class="headlines">
${scorecardHeadlines(sc)
  .map((h) => `<li>${esc(h)}</li>`)
  .join("\n")}
</ul></section>
<section><h2>Timeline</h2>
<figure>${svg}<figcaption class="legend">${legend}<span><i style="background:#a3261b"></i>gap</span></figcaption></figure>
</section>
${dutySection("Duty to prevent", sc.prevention)}
${dutySection("Duty to punish", sc.punishment)}
${sc.notes.length > 0 ? `<section><h2>Notes</h2><ul>${sc.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul></section>` : ""}
</body>
</html>
`;
}
