// The naming monitor: per actor, each statement placed in time and coloured by how it named the violence
// (genocide, qualified, euphemism, denial), and when each actor first called it genocide.
import * as Plot from "@observablehq/plot";
import { useApi } from "../api.js";
import { Loader } from "../components/loader.js";
import { PlotFigure } from "../components/plot-figure.js";
import { useI18n } from "../i18n.js";
import { arr, num, str, type Json } from "../view-data.js";

const CLASSES = ["naming", "qualified-naming", "euphemism", "denial", "unclassified"];
const COLOURS = ["#b91c1c", "#c2410c", "#6b7280", "#1f2937", "#9ca3af"];

/** `s` cut to `max` characters with an ellipsis (the full name is in the table below the chart). */
function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The naming page of a case. */
export function NamingPage(props: { caseId: string }) {
  const { t } = useI18n();
  const loaded = useApi<Json>(`/api/cases/${encodeURIComponent(props.caseId)}/naming`);
  return (
    <>
      <h1>{t("naming.title")}</h1>
      <Loader
        loaded={loaded}
        render={(n) => {
          const actors = arr(n.actors);
          const names = new Map(actors.map((a) => [str(a.actor) ?? "", str(a.name) ?? str(a.actor) ?? ""]));
          const statements = arr(n.statements).filter((s) => str(s.date));
          const onset = str(n.onset);
          return (
            <>
              <PlotFigure
                caption={t("naming.chart")}
                deps={[n]}
                build={(width) =>
                  Plot.plot({
                    width,
                    height: 50 + 28 * Math.max(1, actors.length),
                    marginLeft: width < 500 ? 120 : 230,
                    x: { type: "utc", grid: true, label: null },
                    y: {
                      label: null,
                      domain: actors.map((a) => names.get(str(a.actor) ?? "") ?? ""),
                      tickFormat: (n: string) => shorten(n, width < 500 ? 18 : 34),
                    },
                    color: { domain: CLASSES, range: COLOURS, legend: true },
                    marks: [
                      ...(onset
                        ? [
                            Plot.ruleX([new Date(`${onset}T00:00:00Z`)], {
                              stroke: "#b91c1c",
                              strokeDasharray: "4,3",
                            }),
                          ]
                        : []),
                      Plot.dot(statements, {
                        x: (s: Json) => new Date(`${str(s.date)}T00:00:00Z`),
                        y: (s: Json) => names.get(str(s.actor) ?? "") ?? str(s.actor),
                        fill: (s: Json) => str(s.class),
                        r: 5,
                        title: (s: Json) => `${str(s.date)} — ${str(s.class)}`,
                        tip: true,
                      }),
                    ],
                  })
                }
              />
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("naming.actor")}</th>
                      <th scope="col">{t("naming.firstNamed")}</th>
                      <th scope="col">{t("common.days")}</th>
                      {CLASSES.map((c) => (
                        <th scope="col" key={c}>
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {actors.map((a) => {
                      const counts = (a.counts ?? {}) as Json;
                      return (
                        <tr key={str(a.actor)}>
                          <td>{str(a.name) ?? str(a.actor)}</td>
                          <td class="nowrap">{str(a.firstNamingAt) ?? t("naming.never")}</td>
                          <td class="num">{num(a.namingLagDays) ?? "—"}</td>
                          {CLASSES.map((c) => (
                            <td class="num" key={c}>
                              {num(counts[c]) ?? 0}
                            </td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      />
    </>
  );
}
