// One alert as a card: its day, situation and level, the previous level, the criteria met, the reasons and the
// evidence it cites (links to records; an event surge by its summary). Used for replayed and for live alerts.
import type { ComponentChildren } from "preact";
import { useI18n } from "../i18n.js";
import { str, strs, text, type ActorName, type Json } from "../view-data.js";
import { CriteriaList } from "./criteria-list.js";
import { Badge } from "./level-badge.js";
import { RecordLink } from "./record-link.js";

/**
 * Evidence entries may be ids or { kind, id } objects. An event surge (`kind: "series"`) is no stored record:
 * it has no page, so it is shown by its summary.
 */
function evidenceOf(a: Json): { kind: string; id: string; summary?: string }[] {
  const raw = Array.isArray(a.evidence) ? a.evidence : Array.isArray(a.citedEvidence) ? a.citedEvidence : [];
  return raw.flatMap((e: unknown) => {
    if (typeof e === "string") return [{ kind: "incident", id: e }];
    // AlertEvidence: { record, kind, indicators, grade }
    if (e && typeof e === "object") {
      const o = e as Json;
      const id = str(o.id) ?? str(o.record);
      const summary = str(o.summary);
      if (id) return [{ kind: str(o.kind) ?? "incident", id, ...(summary ? { summary } : {}) }];
    }
    return [];
  });
}

/** A situation object `{ id, country, groupName }` (or an id) as text. */
export function situationLabel(s: unknown): string {
  if (typeof s === "string") return s;
  if (s && typeof s === "object") {
    const o = s as Json;
    return (
      [str(o.groupName) ?? str(o.group), str(o.country)].filter(Boolean).join(" — ") || (str(o.id) ?? "")
    );
  }
  return "";
}

/** An alert card; `marker` (a live alert's origin, run and time) is shown under its heading. */
export function AlertCard(props: {
  alert: Json;
  caseId: string;
  name: ActorName;
  marker?: ComponentChildren;
}) {
  const { t } = useI18n();
  const a = props.alert;
  return (
    <li class="alert-card">
      <h2>
        <span class="nowrap">{str(a.date) ?? str(a.at)}</span> — {situationLabel(a.situation)}{" "}
        <Badge value={str(a.level) ?? "none"} />
      </h2>
      {props.marker}
      {str(a.previousLevel) && (
        <p>
          {t("alerts.previous")}: <Badge value={str(a.previousLevel) ?? ""} />
        </p>
      )}
      <CriteriaList criteria={a.criteria} caseId={props.caseId} />
      <h3>{t("alerts.reasons")}</h3>
      <ul>
        {(Array.isArray(a.reasons) ? a.reasons : []).map((r: unknown, j: number) => (
          <li key={j}>
            {typeof r === "string" ? r : (str((r as Json).text) ?? str((r as Json).indicator) ?? text(r))}
          </li>
        ))}
      </ul>
      <h3>{t("alerts.evidence")}</h3>
      <ul class="inline">
        {evidenceOf(a).map((e) => (
          <li key={`${e.kind}/${e.id}`}>
            {e.kind === "series" ? (
              <span class="surge" title={e.id}>
                {t("alerts.surge")}: {e.summary ?? e.id}
              </span>
            ) : (
              <RecordLink kind={e.kind} id={e.id} caseId={props.caseId} />
            )}
          </li>
        ))}
        {strs(a.recipients).length > 0 && <li>→ {strs(a.recipients).map(props.name).join(", ")}</li>}
      </ul>
    </li>
  );
}
