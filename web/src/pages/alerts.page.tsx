// Alerts: each level change of a situation, with its level, the reasons the engine gives and the evidence it
// cites; then the alerts the live assessment stored after writes, each marked with its run, time and criterion.
import { useApi } from "../api.js";
import { AlertCard } from "../components/alert-card.js";
import { Loader } from "../components/loader.js";
import { useI18n } from "../i18n.js";
import { actorNamesOf, arr, str, type ActorName, type Json } from "../view-data.js";
import { useCaseVersion } from "../live/live-events.js";

/** A live alert's time (`2031-05-01T10:00:00.000Z`) as `2031-05-01 10:00 UTC`. */
function raisedAt(iso: string | undefined): string | undefined {
  return iso?.replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d).*$/u, "$1 $2 UTC");
}

/** The stored live alerts (`liveAlerts` of GET /api/cases/{id}/alerts), newest first. */
function LiveAlertList(props: { items: Json[]; caseId: string; name: ActorName }) {
  const { t } = useI18n();
  if (props.items.length === 0) return null;
  return (
    <section class="live-alert-list" aria-labelledby="live-alerts-heading">
      <h2 id="live-alerts-heading">{t("alerts.live")}</h2>
      <ol class="alerts">
        {[...props.items].reverse().map((x) => {
          const alert = (x.alert ?? {}) as Json;
          const criterion = (x.criterion ?? undefined) as Json | undefined;
          const when = raisedAt(str(x.raisedAt));
          return (
            <AlertCard
              key={`${str(x.run)}/${String(x.seq)}`}
              alert={alert}
              caseId={props.caseId}
              name={props.name}
              marker={
                <p class="live-marker">
                  <span class="origin-live">{t("alerts.liveOrigin")}</span> · {t("alerts.run")}{" "}
                  <code>{str(x.run)}</code>
                  {when && (
                    <>
                      {" "}
                      · {t("alerts.raisedAt")} <time dateTime={str(x.raisedAt)}>{when}</time>
                    </>
                  )}
                  {criterion && str(criterion.text) && (
                    <>
                      {" "}
                      · {t("alerts.criterion")}: {str(criterion.text)}
                    </>
                  )}
                </p>
              }
            />
          );
        })}
      </ol>
    </section>
  );
}

/** The alerts page of a case. */
export function AlertsPage(props: { caseId: string }) {
  const { t } = useI18n();
  // Reloaded when the server pushes an alert or a write for this case (no page reload needed).
  const version = useCaseVersion(props.caseId);
  const loaded = useApi<Json>(`/api/cases/${encodeURIComponent(props.caseId)}/alerts`, version);
  return (
    <>
      <h1>{t("alerts.title")}</h1>
      <Loader
        loaded={loaded}
        render={(d) => {
          const alerts = arr(d.alerts ?? d.items);
          const live = arr(d.liveAlerts);
          const name = actorNamesOf(d);
          return (
            <>
              <LiveAlertList items={live} caseId={props.caseId} name={name} />
              {live.length > 0 && <h2>{t("alerts.replayed")}</h2>}
              {alerts.length === 0 ? (
                <p>{t("common.none")}</p>
              ) : (
                <ol class="alerts">
                  {alerts.map((a, i) => (
                    <AlertCard key={i} alert={a} caseId={props.caseId} name={name} />
                  ))}
                </ol>
              )}
            </>
          );
        }}
      />
    </>
  );
}
