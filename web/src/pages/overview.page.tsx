// Overview: every case, and its situations grouped by their latest risk level (highest first).
import { useApi } from "../api.js";
import { Badge } from "../components/level-badge.js";
import { Loader } from "../components/loader.js";
import { useI18n } from "../i18n.js";
import { href } from "../router.js";
import { useSession, userMay } from "../auth/session.js";
import { LEVELS, str, type Json } from "../view-data.js";

interface OverviewItem {
  readonly asOf?: string;
  readonly case: {
    id: string;
    title: string;
    region: string;
    countries: string[];
    period: { from: string; to: string };
  };
  readonly situations: readonly Json[];
}

/** The first page an analyst sees. */
export function OverviewPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const loaded = useApi<{ items: OverviewItem[] }>("/api/overview");
  return (
    <>
      <h1>{t("overview.title")}</h1>
      {userMay(user, "records:write") && (
        <div class="write-bar">
          <a class="button" href="#/new-case">
            {t("overview.newCase")}
          </a>
        </div>
      )}
      <Loader
        loaded={loaded}
        render={({ items }) => {
          const situations = items.flatMap((i) =>
            i.situations.map((s) => ({ caseId: i.case.id, s, level: str(s.level) ?? "none" })),
          );
          return (
            <>
              <section aria-labelledby="levels" class="levels">
                <h2 id="levels" class="visually-hidden">
                  {t("overview.title")}
                </h2>
                {[...LEVELS].reverse().map((level) => {
                  const here = situations.filter((x) => x.level === level);
                  return (
                    <div class={`level-card level-${level}`} key={level}>
                      <h3>
                        <Badge value={level} /> <span class="count">{here.length}</span>
                      </h3>
                      <ul>
                        {here.map((x) => (
                          <li key={`${x.caseId}/${str(x.s.situation) ?? str(x.s.id)}`}>
                            <a href={href(["case", x.caseId, "alerts"])}>
                              {str(x.s.label) ?? str(x.s.situation) ?? str(x.s.id) ?? x.caseId}
                            </a>
                          </li>
                        ))}
                      </ul>
                    </div>
                  );
                })}
              </section>
              <h2>{t("overview.cases")}</h2>
              <div class="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("nav.case")}</th>
                      <th scope="col">{t("overview.period")}</th>
                      <th scope="col">{t("overview.countries")}</th>
                      <th scope="col">{t("common.level")}</th>
                      <th scope="col">{t("common.asOf")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((i) => {
                      const top = i.situations
                        .map((s) => str(s.level) ?? "none")
                        .sort((a, b) => LEVELS.indexOf(b as never) - LEVELS.indexOf(a as never))[0];
                      return (
                        <tr key={i.case.id}>
                          <td>
                            <a href={href(["case", i.case.id, "timeline"])}>{i.case.title}</a>
                          </td>
                          <td>
                            {i.case.period.from} – {i.case.period.to}
                          </td>
                          <td>{i.case.countries.join(", ")}</td>
                          <td>{top ? <Badge value={top} /> : t("overview.noSituations")}</td>
                          <td class="nowrap">{i.asOf ?? "—"}</td>
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
