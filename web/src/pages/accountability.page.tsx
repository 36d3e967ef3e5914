// Accountability, per tribunal: outcomes, years in detention before first judgment (bars), conviction rate,
// cost per accused judged, and one-sidedness (accused per side against documented crimes per side).
import * as Plot from "@observablehq/plot";
import { useApi } from "../api.js";
import { Loader } from "../components/loader.js";
import { PlotFigure } from "../components/plot-figure.js";
import { useI18n } from "../i18n.js";
import { actorNamesOf, arr, num, str, strs, type ActorName, type Json } from "../view-data.js";

interface Bar {
  readonly who: string;
  readonly years: number;
  readonly basis: string;
}

/** Detention bars of one tribunal: years before first judgment (the accused by name), with each figure's basis. */
export function detentionBars(t: Json, name: ActorName = (id) => id): Bar[] {
  return arr(t.detention)
    .map((d) => {
      const span = (d.beforeFirstJudgment ?? undefined) as Json | undefined;
      return {
        who: name(str(d.accused) ?? str(d.case) ?? ""),
        years: num(span?.years) ?? NaN,
        basis: str(span?.basis) ?? "",
      };
    })
    .filter((b) => Number.isFinite(b.years))
    .sort((a, b) => b.years - a.years);
}

function Tribunal(props: { t: Json; name: ActorName }) {
  const { t, v } = useI18n();
  const tr = props.t;
  const bars = detentionBars(tr, props.name);
  const sideName = new Map(arr(tr.sides).map((s) => [str(s.side) ?? "", str(s.name) ?? str(s.side) ?? ""]));
  const outcomes = (tr.outcomes ?? {}) as Json;
  const rate = num(tr.convictionRate);
  const cost = num(tr.costPerAccusedJudgedUsd);
  return (
    <section>
      <h2>{str(tr.name) ?? str(tr.tribunal)}</h2>
      <dl class="fields">
        <dt>{t("acc.outcome")}</dt>
        <dd>
          {Object.entries(outcomes)
            .filter(([, n]) => typeof n === "number" && n > 0)
            .map(([o, n]) => `${v(o)}: ${String(n)}`)
            .join(", ") || "—"}
        </dd>
        <dt>{t("acc.convictionRate")}</dt>
        <dd>{rate === undefined ? "—" : `${(rate * 100).toFixed(0)}%`}</dd>
        <dt>{t("acc.costPerAccused")}</dt>
        <dd>
          {cost === undefined
            ? "—"
            : `${Math.round(cost / 1e6)} M USD${tr.budgetApproximate === true ? " (≈)" : ""}`}
        </dd>
        <dt>{t("acc.medianDetention")}</dt>
        <dd>{num(tr.medianYearsBeforeFirstJudgment)?.toFixed(1) ?? "—"}</dd>
      </dl>
      <h3>{t("acc.detention")}</h3>
      {bars.length === 0 ? (
        <p>{t("common.none")}</p>
      ) : (
        <PlotFigure
          caption={t("acc.detention")}
          deps={[tr, t("acc.detention")]}
          build={(width) =>
            Plot.plot({
              width,
              height: 50 + 24 * bars.length,
              marginLeft: width < 500 ? 110 : 200,
              x: { label: t("acc.years"), grid: true },
              y: { label: null, domain: bars.map((b) => b.who) },
              color: {
                domain: ["dates", "reported", "ongoing"],
                range: ["#374151", "#9ca3af", "#b45309"],
                legend: true,
              },
              marks: [
                Plot.barX(bars, {
                  x: "years",
                  y: "who",
                  fill: "basis",
                  title: (b: Bar) => `${b.who}: ${b.years.toFixed(1)} (${b.basis})`,
                }),
                Plot.ruleX([0]),
              ],
            })
          }
        />
      )}
      <h3>{t("acc.oneSided")}</h3>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("acc.side")}</th>
              <th scope="col" class="num">
                {t("acc.accused")}
              </th>
              <th scope="col" class="num">
                {t("acc.incidents")}
              </th>
              <th scope="col" class="num">
                {t("acc.incidentsInMandate")}
              </th>
            </tr>
          </thead>
          <tbody>
            {arr(tr.sides).map((s) => (
              <tr key={str(s.side)} class={s.flagged === true ? "flagged" : ""}>
                <td>
                  {str(s.name) ?? str(s.side)}
                  {s.flagged === true && <strong> — {t("acc.neverProsecuted")}</strong>}
                </td>
                <td class="num">{num(s.accused) ?? 0}</td>
                <td class="num">{num(s.incidents) ?? 0}</td>
                <td class="num">{num(s.incidentsInMandate) ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {strs(tr.sidesNeverProsecuted).length > 0 && (
        <p class="notice">
          {t("acc.neverProsecuted")}:{" "}
          {strs(tr.sidesNeverProsecuted)
            .map((s) => sideName.get(s) ?? s)
            .join(", ")}
        </p>
      )}
    </section>
  );
}

/** The accountability page of a case. */
export function AccountabilityPage(props: { caseId: string }) {
  const { t } = useI18n();
  const loaded = useApi<Json>(`/api/cases/${encodeURIComponent(props.caseId)}/accountability`);
  return (
    <>
      <h1>{t("acc.title")}</h1>
      <Loader
        loaded={loaded}
        render={(a) => {
          const tribunals = arr(a.tribunals);
          if (tribunals.length === 0) return <p>{t("common.none")}</p>;
          return (
            <>
              {tribunals.map((tr) => (
                <Tribunal key={str(tr.tribunal)} t={tr} name={actorNamesOf(a)} />
              ))}
            </>
          );
        }}
      />
    </>
  );
}
