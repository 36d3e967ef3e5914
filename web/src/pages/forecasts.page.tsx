// Country risk from forecasts: the runs in the store, and for one run a risk table (with the change since the
// previous base year), the big movers and a world map.
import { useApi } from "../api.js";
import { Loader } from "../components/loader.js";
import { normName, riskColour, WorldMap } from "../components/world-map.js";
import { useI18n } from "../i18n.js";
import { href } from "../router.js";
import { GenericTable } from "./ledger.page.js";
import { arr, num, str, text, type Json } from "../view-data.js";
import { ATLAS_NAME } from "../components/country-names.js";

interface CountryRisk {
  country: string;
  risk: number;
  /** Probability change since the previous base year, or null when the run has none. */
  change: number | null;
  drivers: string;
}

/** A big mover: a country whose probability changed most since the previous base year. */
export interface Mover {
  country: string;
  p: number;
  rank: number;
  change: number;
  previousP: number | null;
  previousRank: number | null;
}

/** A probability change in percentage points with its sign: "+1.2", "−0.4", "—" when unknown. */
export function formatChange(change: number | null): string {
  if (change === null) return "—";
  return `${change >= 0 ? "+" : "−"}${(100 * Math.abs(change)).toFixed(1)}`;
}

/** The big movers stored with a forecast run (`payload.movers`), in stored order (largest change first). */
export function moversOf(run: Json): Mover[] {
  const payload = (run.payload ?? run) as Json;
  return arr(payload.movers)
    .map((m) => ({
      country: str(m.country) ?? "",
      p: num(m.p) ?? NaN,
      rank: num(m.rank) ?? NaN,
      change: num(m.change) ?? NaN,
      previousP: num(m.previousP) ?? null,
      previousRank: num(m.previousRank) ?? null,
    }))
    .filter((m) => m.country !== "" && Number.isFinite(m.p) && Number.isFinite(m.change));
}

/** Country risks of a run, from whichever list holds `{ country|name, risk|probability|p }` rows. */
export function risksOf(run: Json): CountryRisk[] {
  const payload = (run.payload ?? run) as Json;
  const list = arr(
    payload.predictions ?? payload.risks ?? payload.countries ?? payload.items ?? payload.forecasts,
  );
  return list
    .map((r) => ({
      country: str(r.country) ?? str(r.name) ?? str(r.ewpName) ?? str(r.ewp_name) ?? "",
      risk: num(r.risk) ?? num(r.probability) ?? num(r.p) ?? num(r.score) ?? NaN,
      change: num(r.change) ?? null,
      drivers: arr(r.drivers)
        .slice(0, 3)
        .map(
          (d) =>
            `${str(d.predictor) ?? ""} ${(num(d.contribution) ?? 0) >= 0 ? "+" : "−"}${Math.abs(num(d.contribution) ?? 0).toFixed(2)}`,
        )
        .join(", "),
    }))
    .filter((r) => r.country !== "" && Number.isFinite(r.risk))
    .sort((a, b) => b.risk - a.risk);
}

/** The forecasts page: a run's table and map (the newest run when none is chosen). */
export function ForecastsPage(props: { runId?: string }) {
  const { t } = useI18n();
  const runs = useApi<{ items: Json[] }>("/api/forecasts");
  const chosen = props.runId ?? (runs.state === "ok" ? str(runs.data.items[0]?.id) : undefined);
  const run = useApi<Json>(chosen ? `/api/forecasts/${encodeURIComponent(chosen)}` : null);
  return (
    <>
      <h1>{t("fc.title")}</h1>
      <Loader
        loaded={runs}
        render={({ items }) =>
          items.length === 0 ? (
            <p>{t("fc.noRuns")}</p>
          ) : (
            <nav aria-label={t("fc.runs")}>
              <ul class="inline">
                {items.map((r) => (
                  <li key={str(r.id)}>
                    <a
                      href={href(["forecasts", str(r.id) ?? ""])}
                      {...(str(r.id) === chosen ? { "aria-current": "page" as const } : {})}
                    >
                      {str(r.kind) ?? ""} {str(r.model) ?? ""} {str(r.createdAt) ?? str(r.id)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )
        }
      />
      {chosen && (
        <Loader
          loaded={run}
          render={(r) => {
            const risks = risksOf(r);
            const byName = new Map(risks.map((x) => [normName(ATLAS_NAME[x.country] ?? x.country), x.risk]));
            const payload = (r.payload ?? {}) as Json;
            const years = arr(payload.years);
            const movers = moversOf(r);
            const hasChange = risks.some((x) => x.change !== null);
            const sha = str(r.dataSha256);
            const pct = (p: number): string => `${(p * 100).toFixed(1)}%`;
            return (
              <>
                <p class="run-header">
                  {str(r.kind)} · {str(r.model)} {str(r.modelVersion)}
                  {sha !== undefined && (
                    <>
                      {" "}
                      · {t("fc.data")}{" "}
                      <code class="data-hash" title={`${t("fc.dataFull")}: ${sha}`}>
                        {sha.slice(0, 12)}
                      </code>
                    </>
                  )}
                  {payload.baseYear !== undefined && (
                    <>
                      {" "}
                      · {t("fc.baseYear")} {text(payload.baseYear)} · {t("fc.horizon")}{" "}
                      {text(payload.horizon)}
                    </>
                  )}
                </p>
                {risks.length > 0 && <WorldMap risk={byName} label={t("fc.map")} />}
                {movers.length > 0 && (
                  <section class="movers">
                    <h2>
                      {t("fc.movers")} {text(payload.previousBaseYear)}
                    </h2>
                    <ul>
                      {movers.map((m) => (
                        <li key={m.country}>
                          <strong>{m.country}</strong> <span class="num">{formatChange(m.change)}</span> (
                          {m.previousP === null ? "—" : pct(m.previousP)} → {pct(m.p)},{" "}
                          {t("fc.rank").toLowerCase()} {m.previousRank ?? "—"} → {m.rank})
                        </li>
                      ))}
                    </ul>
                  </section>
                )}
                {years.length > 0 && (
                  <>
                    <h2>{t("fc.backtest")}</h2>
                    {payload.pooled !== undefined && <GenericTable rows={[payload.pooled as Json]} />}
                    <GenericTable rows={years} />
                  </>
                )}
                {risks.length > 0 && (
                  <div class="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t("fc.rank")}</th>
                          <th scope="col">{t("fc.country")}</th>
                          <th scope="col">{t("fc.risk")}</th>
                          {hasChange && <th scope="col">{t("fc.change")}</th>}
                          <th scope="col">{t("fc.drivers")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {risks.slice(0, 60).map((x, i) => (
                          <tr key={x.country}>
                            <td class="num">{i + 1}</td>
                            <td>
                              <span
                                class="swatch"
                                data-risk={x.risk.toFixed(3)}
                                style={{ background: riskColour(x.risk) }}
                                aria-hidden="true"
                              />{" "}
                              {x.country}
                            </td>
                            <td class="num">{(x.risk * 100).toFixed(1)}%</td>
                            {hasChange && <td class="num">{formatChange(x.change)}</td>}
                            <td>{x.drivers || "—"}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            );
          }}
        />
      )}
    </>
  );
}
