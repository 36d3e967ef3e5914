// The warning→response ledger: each warning, whom it warned, what it asked, the status of each request,
// days open, first response, and the escalations that lapsed requests call for; then the gap figures.
import { useApi } from "../api.js";
import { Badge } from "../components/level-badge.js";
import { Loader } from "../components/loader.js";
import { RecordLink } from "../components/record-link.js";
import { useI18n, type MessageKey } from "../i18n.js";
import {
  actorNamesOf,
  arr,
  daysBetween,
  num,
  str,
  strs,
  text,
  withNames,
  type ActorName,
  type Json,
} from "../view-data.js";

const GAP_SECTIONS: readonly [string, MessageKey][] = [
  ["mandates", "gaps.mandates"],
  ["capabilities", "gaps.capabilities"],
  ["deploymentDelays", "gaps.deploymentDelays"],
  ["drawdowns", "gaps.drawdowns"],
];

/** Days a request has been open: to its first answer, or to the as-of day when none came. */
export function daysOpen(req: Json, asOf: string): number | undefined {
  const asked = str(req.askedAt);
  if (!asked) return undefined;
  const answered = str(req.firstResponseAt);
  return daysBetween(asked, answered ?? asOf);
}

/** The ledger page of a case. */
export function LedgerPage(props: { caseId: string }) {
  const { t } = useI18n();
  const id = encodeURIComponent(props.caseId);
  const ledger = useApi<Json>(`/api/cases/${id}/ledger`);
  const gaps = useApi<Json>(`/api/cases/${id}/gaps`);
  return (
    <>
      <h1>{t("ledger.title")}</h1>
      <Loader
        loaded={ledger}
        render={(l) => {
          const asOf = str(l.asOf) ?? "";
          const name = actorNamesOf(l, t("ledger.engine"));
          return (
            <>
              <p>
                {t("common.asOf")} {asOf}
              </p>
              <div class="table-wrap">
                <table class="ledger">
                  <thead>
                    <tr>
                      <th scope="col">{t("common.date")}</th>
                      <th scope="col">{t("ledger.warning")}</th>
                      <th scope="col">{t("ledger.sender")}</th>
                      <th scope="col">{t("ledger.recipients")}</th>
                      <th scope="col">{t("ledger.asked")}</th>
                      <th scope="col">{t("common.status")}</th>
                      <th scope="col">{t("ledger.daysOpen")}</th>
                      <th scope="col">{t("ledger.firstResponse")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {arr(l.warnings).flatMap((w) => {
                      const reqs = arr(w.requests);
                      const rows = reqs.length > 0 ? reqs : [{} as Json];
                      return rows.map((r, i) => (
                        <tr key={`${str(w.warning)}/${str(r.action) ?? i}`} class={i > 0 ? "cont" : ""}>
                          <td class="nowrap">{i === 0 ? str(w.sentAt) : ""}</td>
                          <td>
                            {i === 0 && (
                              <RecordLink kind="warning" id={str(w.warning) ?? ""} caseId={props.caseId}>
                                {str(w.summary) ?? str(w.warning)}
                              </RecordLink>
                            )}
                          </td>
                          <td>{i === 0 ? name(str(w.sender) ?? "") : ""}</td>
                          <td>
                            {(strs(r.addressees).length ? strs(r.addressees) : strs(w.recipients))
                              .map(name)
                              .join(", ")}
                          </td>
                          <td>{str(r.description) ?? "—"}</td>
                          <td>{str(r.status) ? <Badge value={str(r.status) ?? ""} /> : "—"}</td>
                          <td class="num">{daysOpen(r, asOf) ?? "—"}</td>
                          <td class="nowrap">{str(r.firstResponseAt) ?? "—"}</td>
                        </tr>
                      ));
                    })}
                  </tbody>
                </table>
              </div>
              <h2>{t("ledger.escalations")}</h2>
              {arr(l.escalations).length === 0 ? (
                <p>{t("common.none")}</p>
              ) : (
                <ul>
                  {arr(l.escalations).map((e, i) => (
                    <li key={i}>
                      {str(e.at)} —{" "}
                      <RecordLink kind="warning" id={str(e.warning) ?? ""} caseId={props.caseId} /> /{" "}
                      {str(e.action)}
                      {": "}
                      {e.exhausted === true
                        ? t("ledger.exhausted")
                        : `${str(e.fromRole) ?? "—"} → ${str(e.toRole) ?? "—"}${strs(e.toActors).length ? ` (${strs(e.toActors).map(name).join(", ")})` : ""}`}
                    </li>
                  ))}
                </ul>
              )}
              <h2>{t("ledger.dutyBearers")}</h2>
              <GenericTable rows={arr(l.dutyBearers)} name={name} />
            </>
          );
        }}
      />
      <h2>{t("ledger.gaps")}</h2>
      <Loader
        loaded={gaps}
        render={(g) => (
          <>
            {GAP_SECTIONS.map(([k, label]) => (
              <section key={k}>
                <h3>{t(label)}</h3>
                <GenericTable rows={arr(g[k])} name={actorNamesOf(g, t("ledger.engine"))} />
              </section>
            ))}
          </>
        )}
      />
    </>
  );
}

/**
 * A table of flat objects: one column per key seen, values as text, actor ids as names (with `name`); an `actor`
 * column is left out when the rows carry the actor's `name` beside it.
 */
export function GenericTable(props: { rows: Json[]; max?: number; name?: ActorName }) {
  const { t } = useI18n();
  if (props.rows.length === 0) return <p>{t("common.none")}</p>;
  const seen = [...new Set(props.rows.flatMap((r) => Object.keys(r)))];
  const keys = seen.filter((k) => !(k === "actor" && seen.includes("name"))).slice(0, 10);
  const name = props.name ?? ((id: string) => id);
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {keys.map((k) => (
              <th scope="col" key={k}>
                {k}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.slice(0, props.max ?? 200).map((r, i) => (
            <tr key={i}>
              {keys.map((k) => (
                <td key={k} class={num(r[k]) !== undefined ? "num" : ""}>
                  {text(withNames(r[k], name))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
