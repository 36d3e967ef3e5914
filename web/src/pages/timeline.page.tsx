// The case timeline as swimlanes (one lane per kind of record), with a date window (zoom) and filters kept
// in the URL so any view can be linked to.
import * as Plot from "@observablehq/plot";
import { useApi, qs } from "../api.js";
import { Loader } from "../components/loader.js";
import { CaseSettings } from "../forms/case-settings.js";
import { PlotFigure } from "../components/plot-figure.js";
import { RecordLink } from "../components/record-link.js";
import { useI18n, type MessageKey } from "../i18n.js";
import { href, navigate } from "../router.js";
import { daysBetween } from "../view-data.js";

const LANES = [
  "incidents",
  "reports",
  "warnings",
  "responses",
  "mandates",
  "statements",
  "tribunal",
] as const;
type Lane = (typeof LANES)[number];

interface Item {
  id: string;
  kind: string;
  lane: Lane;
  from: string;
  to: string;
  precision: string;
  knownAt: string;
  label: string;
}
interface Timeline {
  caseId: string;
  items: Item[];
}
interface CaseDetail {
  case: { title: string; period: { from: string; to: string } };
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Zoom the window [from, to] around its middle by `factor` (0.5 in, 2 out), within the years 1900–2100. */
function zoom(
  from: string,
  to: string,
  factor: number,
  min = "1900-01-01",
  max = "2100-12-31",
): [string, string] {
  const span = Math.max(2, daysBetween(from, to));
  const mid = addDays(from, Math.round(span / 2));
  const half = Math.max(1, Math.round((span * factor) / 2));
  const a = addDays(mid, -half);
  const b = addDays(mid, half);
  return [a < min ? min : a, b > max ? max : b];
}

/** Timeline of one case. Query: from, to (days), lanes (comma list), q (text). */
export function TimelinePage(props: { caseId: string; query: URLSearchParams }) {
  const { t } = useI18n();
  const detail = useApi<CaseDetail>(`/api/cases/${encodeURIComponent(props.caseId)}`);
  const title = detail.state === "ok" ? detail.data.case.title : props.caseId;
  const period = detail.state === "ok" ? detail.data.case.period : undefined;
  // Without a window in the URL the case's own period is shown (records after it, such as trials, are one
  // "zoom out" or a date change away).
  const from = props.query.get("from") ?? period?.from;
  const to = props.query.get("to") ?? period?.to;
  const lanesParam = props.query.get("lanes");
  const lanes = new Set<Lane>(
    lanesParam ? (lanesParam.split(",").filter((l) => LANES.includes(l as Lane)) as Lane[]) : LANES,
  );
  const q = props.query.get("q") ?? "";
  const loaded = useApi<Timeline | CaseDetail>(
    period ? `/api/cases/${encodeURIComponent(props.caseId)}/timeline${qs({ from, to })}` : null,
  );
  const go = (next: { from?: string; to?: string; lanes?: Set<Lane>; q?: string }) => {
    const ls = next.lanes ?? lanes;
    navigate(
      href(["case", props.caseId, "timeline"], {
        from: "from" in next ? next.from : from,
        to: "to" in next ? next.to : to,
        lanes: ls.size === LANES.length ? undefined : [...ls].join(","),
        q: "q" in next ? next.q : q,
      }),
    );
  };
  return (
    <>
      <h1>
        {t("timeline.title")} — {title}
      </h1>
      <CaseSettings caseId={props.caseId} />
      <form
        class="filters"
        aria-label={t("timeline.title")}
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          go({
            from: String(f.get("from") || "") || undefined,
            to: String(f.get("to") || "") || undefined,
            q: String(f.get("q") || ""),
          });
        }}
      >
        <label>
          {t("common.from")}{" "}
          <input type="date" name="from" value={from ?? ""} min="1900-01-01" max="2100-12-31" />
        </label>
        <label>
          {t("common.to")} <input type="date" name="to" value={to ?? ""} min="1900-01-01" max="2100-12-31" />
        </label>
        <label>
          {t("common.search")} <input type="search" name="q" value={q} maxLength={200} />
        </label>
        <button type="submit">{t("common.apply")}</button>
        {period && (
          <>
            <button
              type="button"
              onClick={() => go({ ...rangeOf(zoom(from ?? period.from, to ?? period.to, 0.5)) })}
            >
              {t("timeline.zoomIn")}
            </button>
            <button
              type="button"
              onClick={() => go({ ...rangeOf(zoom(from ?? period.from, to ?? period.to, 2)) })}
            >
              {t("timeline.zoomOut")}
            </button>
          </>
        )}
        <button
          type="button"
          onClick={() => go({ from: undefined, to: undefined, lanes: new Set(LANES), q: "" })}
        >
          {t("common.reset")}
        </button>
        <fieldset class="lanes">
          <legend>{t("timeline.lanes")}</legend>
          {LANES.map((l) => (
            <label key={l} class="check">
              <input
                type="checkbox"
                checked={lanes.has(l)}
                onChange={(e) => {
                  const next = new Set(lanes);
                  if (e.currentTarget.checked) next.add(l);
                  else next.delete(l);
                  go({ lanes: next });
                }}
              />{" "}
              <span class={`swatch lane-${l}`} aria-hidden="true" />
              {t(`lane.${l}` as MessageKey)}
            </label>
          ))}
        </fieldset>
      </form>
      <Loader
        loaded={detail.state === "error" ? detail : loaded}
        render={(data) => {
          const tl = data as Timeline;
          const needle = q.toLowerCase();
          const items = tl.items.filter(
            (i) =>
              lanes.has(i.lane) &&
              (!needle || i.label.toLowerCase().includes(needle) || i.id.includes(needle)),
          );
          return (
            <TimelineChart
              items={items}
              lanes={LANES.filter((l) => lanes.has(l))}
              caseId={props.caseId}
              from={from}
              to={to}
            />
          );
        }}
      />
    </>
  );
}

function rangeOf([from, to]: [string, string]): { from: string; to: string } {
  return { from, to };
}

const LANE_COLOURS: Readonly<Record<Lane, string>> = {
  incidents: "#b91c1c",
  reports: "#1d4ed8",
  warnings: "#b45309",
  responses: "#047857",
  mandates: "#6d28d9",
  statements: "#0e7490",
  tribunal: "#4b5563",
};

function TimelineChart(props: { items: Item[]; lanes: Lane[]; caseId: string; from?: string; to?: string }) {
  const { t } = useI18n();
  const date = (d: string) => new Date(`${d}T00:00:00Z`);
  const label = (l: Lane) => t(`lane.${l}` as MessageKey);
  const spans = props.items.filter((i) => i.from !== i.to);
  return (
    <>
      <PlotFigure
        caption={t("timeline.chart")}
        deps={[props.items, props.lanes.join(), t("lane.incidents")]}
        build={(width) =>
          Plot.plot({
            width,
            height: 60 + 44 * Math.max(1, props.lanes.length),
            marginLeft: width < 500 ? 90 : 170,
            x: {
              type: "utc",
              label: null,
              grid: true,
              ...(props.from && props.to ? { domain: [date(props.from), date(props.to)] } : {}),
            },
            y: { domain: props.lanes.map(label), label: null },
            color: { domain: props.lanes.map(label), range: props.lanes.map((l) => LANE_COLOURS[l]) },
            marks: [
              Plot.ruleY(props.lanes.map(label), { stroke: "#d1d5db" }),
              Plot.link(spans, {
                x1: (d: Item) => date(d.from),
                x2: (d: Item) => date(d.to),
                y1: (d: Item) => label(d.lane),
                y2: (d: Item) => label(d.lane),
                stroke: (d: Item) => label(d.lane),
                strokeWidth: 5,
                strokeOpacity: 0.35,
              }),
              Plot.dot(props.items, {
                x: (d: Item) => date(d.from),
                y: (d: Item) => label(d.lane),
                fill: (d: Item) => label(d.lane),
                r: 5,
                stroke: "white",
                title: (d: Item) => `${d.from}${d.to !== d.from ? ` – ${d.to}` : ""}\n${d.label}`,
                tip: true,
              }),
            ],
          })
        }
      />
      <h2>
        {t("timeline.items")} ({props.items.length})
      </h2>
      <div class="table-wrap">
        <table class="items">
          <thead>
            <tr>
              <th scope="col">{t("common.date")}</th>
              <th scope="col">{t("timeline.lanes")}</th>
              <th scope="col">{t("common.summary")}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.slice(0, 300).map((i) => (
              <tr key={`${i.kind}/${i.id}`}>
                <td class="nowrap">{i.precision === "day" ? i.from : `${i.from} – ${i.to}`}</td>
                <td>
                  <span class={`swatch lane-${i.lane}`} aria-hidden="true" /> {label(i.lane)}
                </td>
                <td>
                  <RecordLink kind={i.kind} id={i.id} caseId={props.caseId}>
                    {i.label}
                  </RecordLink>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
