/** The scorecard as a Markdown document: headlines, then each duty's findings with evidence and citations. @module */
import type { Finding } from "../scorecard/finding.js";
import { scorecardHeadlines } from "../scorecard/headlines.js";
import type { DutySection, Scorecard } from "../scorecard/scorecard.js";
import { citationText } from "./citation-text.js";
import { escapeMarkdown as md } from "./escape.js";

const VERDICT_MARK = { gap: "GAP", met: "met", info: "info" } as const;

/** An actor among the evidence by its name; any other record by its id, as code. */
function evidenceRef(f: Finding, id: string): string {
  const name = f.evidenceNames[id];
  return name !== undefined ? md(name) : `\`${id.replace(/`/g, "")}\``;
}

function findingLines(f: Finding): string[] {
  const lines = [`- **${VERDICT_MARK[f.verdict]}** — ${md(f.text)}`];
  if (f.evidence.length > 0)
    lines.push(`  - Evidence: ${f.evidence.map((e) => evidenceRef(f, e)).join(", ")}`);
  if (f.citations.length > 0)
    lines.push(`  - Sources: ${f.citations.map((c) => md(citationText(c))).join("; ")}`);
  return lines;
}

function dutyLines(title: string, s: DutySection): string[] {
  const out = [
    `## ${title}`,
    "",
    `${s.gaps} gap(s), ${s.met} duty(ies) met, ${s.findings.length} finding(s).`,
    "",
  ];
  let topic = "";
  for (const f of s.findings) {
    if (f.topic !== topic) {
      topic = f.topic;
      out.push("", `### ${topic[0]?.toUpperCase() ?? ""}${topic.slice(1)}`, "");
    }
    out.push(...findingLines(f));
  }
  return out;
}

/**
 * Render the scorecard as Markdown. Every text from the case is escaped.
 * @example renderMarkdown(sc).startsWith("# Genocide Convention scorecard") // true
 */
export function renderMarkdown(sc: Scorecard): string {
  const lines = [
    `# Genocide Convention scorecard: ${md(sc.case.title)}`,
    "",
    `Case \`${sc.case.id}\`, period ${sc.case.period.from} to ${sc.case.period.to}; as of ${sc.asOf}.${sc.onset ? ` Declared onset: ${sc.onset}.` : ""}`,
    `Requests and commitments without a due date get an assumed ${sc.responseWindowDays}-day window, and every finding resting on an assumed due date says "due date assumed"; a commitment with unknown delivery and no due date is undetermined.`,
    "",
    "## Headlines",
    "",
    ...scorecardHeadlines(sc).map((h) => `- ${md(h)}`),
    "",
    ...dutyLines("Duty to prevent", sc.prevention),
    "",
    ...dutyLines("Duty to punish", sc.punishment),
  ];
  if (sc.notes.length > 0) lines.push("", "## Notes", "", ...sc.notes.map((n) => `- ${md(n)}`));
  return `${lines.join("\n")}\n`;
}
