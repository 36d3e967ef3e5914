// New alerts as they happen, without a reload: a polite live region in the corner listing each level change
// pushed by the server, with a link to the case's alerts; each can be dismissed.
import { useEffect, useMemo, useState } from "preact/hooks";
import { useSession } from "../auth/session.js";
import { Badge } from "../components/level-badge.js";
import { useI18n } from "../i18n.js";
import { situationLabel } from "../components/alert-card.js";
import { href } from "../router.js";
import { connectEvents, disconnectEvents, useEvents, type AlertEvent } from "./live-events.js";

export function LiveAlerts() {
  const { t } = useI18n();
  const { user } = useSession();
  const [alerts, setAlerts] = useState<(AlertEvent & { n: number })[]>([]);
  useEffect(() => {
    if (user) connectEvents();
    else disconnectEvents();
  }, [user]);
  const listener = useMemo(
    () => ({
      alert: (e: AlertEvent) =>
        setAlerts((old) => [{ ...e, n: Date.now() + Math.random() }, ...old].slice(0, 5)),
    }),
    [],
  );
  useEvents(listener);
  return (
    <div class="live-alerts" aria-live="polite" aria-label={t("live.region")}>
      {alerts.map((a) => {
        const level = typeof a.alert.level === "string" ? a.alert.level : "none";
        return (
          <div class="live-alert" key={a.n} role="status">
            <strong>{t("live.newAlert")}</strong> <Badge value={level} /> {situationLabel(a.alert.situation)}{" "}
            <a href={href(["case", a.caseId, "alerts"])}>{a.caseId}</a>{" "}
            <button
              type="button"
              aria-label={t("common.close")}
              onClick={() => setAlerts((old) => old.filter((x) => x.n !== a.n))}
            >
              ×
            </button>
          </div>
        );
      })}
    </div>
  );
}
