// Country risk from forecasts: the runs in the store, and for one run a risk table and a world map.
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
  drivers: string;
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
            return (
              <>
                <p>
                  {str(r.kind)} · {str(r.model)} {str(r.modelVersion)} · {t("fc.baseYear")}{" "}
                  {text(payload.baseYear)} · {t("fc.horizon")} {text(payload.horizon)}
                </p>
                {risks.length > 0 && <WorldMap risk={byName} label={t("fc.map")} />}
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
