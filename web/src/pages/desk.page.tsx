// The warning desk of a case: open warnings by due date with each recipient's delivery and answer, overdue and
// escalated requests, dead letters with Retry, the live scorecard beside the historical one, and (for roles that
// may write) the "Issue warning" form.
import { useState } from "preact/hooks";
import { useApi } from "../api.js";
import { useSession, userMay } from "../auth/session.js";
import { DeadLetters, OpenWarnings, OverdueRequests, Scorecards } from "../warning-desk/desk-tables.js";
import { IssueWarningForm } from "../warning-desk/issue-warning-form.js";
import { Loader } from "../components/loader.js";
import { useI18n } from "../i18n.js";
import { useCaseVersion } from "../live/live-events.js";
import { actorNamesOf, str, type Json } from "../view-data.js";

/** The desk page of a case. */
export function DeskPage(props: { caseId: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [reload, setReload] = useState(0);
  const version = useCaseVersion(props.caseId);
  const id = encodeURIComponent(props.caseId);
  const board = useApi<Json>(user ? `/api/cases/${id}/desk` : null, `${reload}/${version}`);
  const ledger = useApi<Json>(user ? `/api/cases/${id}/ledger` : null, `${reload}/${version}`);
  const canWrite = userMay(user, "records:write");
  const again = () => setReload((n) => n + 1);
  if (!user)
    return (
      <>
        <h1>{t("desk.title")}</h1>
        <p class="notice">{t("desk.signInToSee")}</p>
      </>
    );
  return (
    <>
      <h1>{t("desk.title")}</h1>
      <p>{t("desk.intro")}</p>
      <Loader
        loaded={board}
        render={(b) => {
          const l = ledger.state === "ok" ? ledger.data : undefined;
          const name = actorNamesOf(l ?? {});
          return (
            <>
              <p>
                {t("common.asOf")} {str(b.asOf)}
              </p>
              <h2>{t("desk.open")}</h2>
              <OpenWarnings board={b} caseId={props.caseId} />
              <h2>{t("desk.overdue")}</h2>
              <OverdueRequests board={b} caseId={props.caseId} name={name} />
              <h2>{t("desk.deadLetters")}</h2>
              <DeadLetters board={b} canRetry={canWrite} onRetried={again} />
              <h2>{t("desk.scorecards")}</h2>
              <Scorecards board={b} ledger={l} />
            </>
          );
        }}
      />
      {canWrite && <IssueWarningForm caseId={props.caseId} onIssued={again} />}
    </>
  );
}
