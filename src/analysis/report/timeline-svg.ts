/**
 * The report's timeline chart as inline SVG, generated in code: one band per situation coloured by risk level,
 * then one lane per kind of event (warnings, responses, lapses, commitments, mandates, forces, naming).
 * @module
 */
import { daysBetween, maxDay, minDay } from "../../domain/index.js";
import type { LevelSpan, RiskLevel } from "../level-span.js";
import { TIMELINE_LANES, type TimelineEvent } from "../scorecard/timeline-events.js";
import { escapeHtml as esc } from "./escape.js";

/** Fill colour of each risk level (shared with the HTML legend). */
export const LEVEL_COLOURS: Readonly<Record<RiskLevel, string>> = {
  none: "#e8eef2",
  elevated: "#f6e7a8",
  high: "#f2b25c",
  imminent: "#e0623a",
  ongoing: "#8e1b1b",
};

const WIDTH = 960;
const LEFT = 150;
const RIGHT = 16;
const ROW = 22;
const TOP = 24;
const MAX_SITUATIONS = 8;

export interface TimelineChartInput {
  readonly from: string;
  readonly to: string;
  readonly levels: readonly LevelSpan[];
  readonly events: readonly TimelineEvent[];
}

const LANE_TITLES: Readonly<Record<(typeof TIMELINE_LANES)[number], string>> = {
  warning: "Warnings",
  response: "Responses",
  lapse: "Lapsed requests",
  commitment: "Commitments",
  mandate: "Mandates",
  force: "Forces",
  naming: "Statements",
};

function fmt(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

/**
 * Render the chart. Returns an empty string when the window is empty (`to` before `from`).
 * @example renderTimelineSvg({ from: "1990-01-01", to: "1994-12-31", levels, events }).startsWith("<svg") // true
 */
export function renderTimelineSvg(input: TimelineChartInput): string {
  if (input.to < input.from) return "";
  const total = Math.max(1, daysBetween(input.from, input.to));
  const plot = WIDTH - LEFT - RIGHT;
  const x = (day: string) =>
    LEFT + (daysBetween(input.from, minDay(maxDay(day, input.from), input.to)) / total) * plot;
  const situations = [...new Set(input.levels.map((s) => s.situation))].sort().slice(0, MAX_SITUATIONS);
  const lanes = TIMELINE_LANES.filter((l) => input.events.some((e) => e.lane === l));
  const height = TOP + (situations.length + lanes.length) * ROW + 8;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="Timeline of risk levels and events">`,
  );
  const startYear = Number(input.from.slice(0, 4));
  const endYear = Number(input.to.slice(0, 4));
  for (let y = startYear; y <= endYear; y += 1) {
    const day = `${String(y).padStart(4, "0")}-01-01`;
    if (day < input.from) continue;
    const px = fmt(x(day));
    parts.push(`<line x1="${px}" y1="${TOP - 6}" x2="${px}" y2="${height - 4}" class="tick"/>`);
    parts.push(`<text x="${px}" y="${TOP - 10}" class="tick-label">${y}</text>`);
  }
  situations.forEach((sit, row) => {
    const y = TOP + row * ROW;
    parts.push(`<text x="${LEFT - 6}" y="${y + 15}" class="lane-label">${esc(sit)}</text>`);
    for (const s of input.levels.filter((l) => l.situation === sit)) {
      const to = s.to ?? input.to;
      if (to < input.from || s.from > input.to) continue;
      const x1 = x(s.from);
      const w = Math.max(1, x(to) - x1 + plot / total);
      parts.push(
        `<rect x="${fmt(x1)}" y="${y + 3}" width="${fmt(w)}" height="${ROW - 6}" fill="${LEVEL_COLOURS[s.level]}"><title>${esc(`${sit}: ${s.level} from ${s.from}${s.to ? ` to ${s.to}` : ""}`)}</title></rect>`,
      );
    }
  });
  lanes.forEach((lane, i) => {
    const y = TOP + (situations.length + i) * ROW;
    parts.push(`<text x="${LEFT - 6}" y="${y + 15}" class="lane-label">${LANE_TITLES[lane]}</text>`);
    for (const e of input.events.filter((ev) => ev.lane === lane)) {
      if (e.day > input.to || (e.to ?? e.day) < input.from) continue;
      const title = `<title>${esc(`${e.day}${e.to && e.to !== e.day ? ` to ${e.to}` : ""}: ${e.label} (${e.record})`)}</title>`;
      const cls = e.gap ? "ev gap" : "ev";
      if (e.to !== undefined && e.to !== e.day) {
        const x1 = x(e.day);
        parts.push(
          `<rect x="${fmt(x1)}" y="${y + 7}" width="${fmt(Math.max(2, x(e.to) - x1))}" height="8" class="${cls}">${title}</rect>`,
        );
      } else {
        parts.push(`<circle cx="${fmt(x(e.day))}" cy="${y + 11}" r="4" class="${cls}">${title}</circle>`);
      }
    }
  });
  parts.push("</svg>");
  return parts.join("\n");
}
