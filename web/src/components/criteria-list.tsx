// The reference criteria an alert meets: each criterion's words, its confidence, and per condition the measure
// against its threshold with the records that meet it (a sample, with how many more there are).
import { useI18n } from "../i18n.js";
import { arr, num, str, type Json } from "../view-data.js";
import { RecordLink } from "./record-link.js";

/** A confidence tier as a small labelled badge. */
function Confidence(props: { value: string | undefined }) {
  const { t } = useI18n();
  const v = props.value;
  if (v !== "confirmed" && v !== "probable" && v !== "possible") return null;
  return <span class={`confidence confidence-${v}`}>{t(`confidence.${v}`)}</span>;
}

/** The criteria of an alert or assessment (`criteria`: the met ones). */
export function CriteriaList(props: { criteria: unknown; caseId: string }) {
  const { t } = useI18n();
  const criteria = arr(props.criteria);
  if (criteria.length === 0) return null;
  return (
    <>
      <h3>{t("alerts.criteria")}</h3>
      <ul class="criteria">
        {criteria.map((c, i) => (
          <li key={str(c.id) ?? i}>
            <p>
              <strong>{str(c.text)}</strong> <Confidence value={str(c.confidence)} />{" "}
              <span class="muted">({str(c.id)})</span>
            </p>
            <ul>
              {arr(c.conditions).map((d: Json, j) => {
                const records = arr(d.records);
                const total = num(d.total) ?? records.length;
                return (
                  <li key={str(d.id) ?? j}>
                    {str(d.text)}: {num(d.value)?.toLocaleString()} / {num(d.min)?.toLocaleString()}{" "}
                    <Confidence value={str(d.confidence)} />
                    {records.length > 0 && (
                      <ul class="inline">
                        {records.map((r) => (
                          <li key={str(r.record)}>
                            {str(r.kind) === "series" ? (
                              <span class="surge" title={str(r.record)}>
                                {t("alerts.surge")}: {str(r.summary) ?? str(r.record)}
                              </span>
                            ) : (
                              <RecordLink
                                kind={str(r.kind) ?? "incident"}
                                id={str(r.record) ?? ""}
                                caseId={props.caseId}
                              />
                            )}
                            {str(r.grade) && <span class="muted"> [{str(r.grade)}]</span>}
                          </li>
                        ))}
                        {total > records.length && (
                          <li class="muted">
                            {t("alerts.more").replace("{n}", (total - records.length).toLocaleString())}
                          </li>
                        )}
                      </ul>
                    )}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
