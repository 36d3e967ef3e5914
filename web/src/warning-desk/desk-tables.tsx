// The desk board's tables: open warnings by due date with each recipient's delivery and answer, overdue and
// escalated requests, dead letters (Retry for roles that may write), and the live scorecard beside the ledger's.
import { useState } from "preact/hooks";
import { send, type ApiFailure } from "../api.js";
import { RecordLink } from "../components/record-link.js";
import { useI18n } from "../i18n.js";
import { arr, num, str, strs, type Json } from "../view-data.js";

/** Open warnings, earliest due date first. */
export function OpenWarnings(props: { board: Json; caseId: string }) {
  const { t, v } = useI18n();
  const open = arr(props.board.warnings).filter((w) => w.open === true);
  if (open.length === 0) return <p>{t("desk.noOpen")}</p>;
  return (
    <div class="table-wrap">
      <table class="desk-open">
        <thead>
          <tr>
            <th scope="col">{t("desk.due")}</th>
            <th scope="col">{t("desk.warning")}</th>
            <th scope="col">{t("desk.requests")}</th>
            <th scope="col">{t("desk.recipients")}</th>
          </tr>
        </thead>
        <tbody>
          {open.map((w) => (
            <tr key={str(w.warning)} data-warning={str(w.warning)}>
              <td class="nowrap">{str(w.dueAt) ?? "—"}</td>
              <td>
                <RecordLink kind="warning" id={str(w.warning) ?? ""} caseId={props.caseId}>
                  {str(w.summary) ?? str(w.warning)}
                </RecordLink>
                {w.escalates && (
                  <div class="muted">
                    {t("desk.escalates")} {str((w.escalates as Json).warning)}
                  </div>
                )}
              </td>
              <td>
                <ul class="plain">
                  {arr(w.requests).map((r) => (
                    <li key={str(r.action)}>
                      {str(r.description)} — {str(r.dueAt)} ({v(str(r.status) ?? "")})
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                <ul class="plain">
                  {arr(w.recipients).map((r) => (
                    <li key={str(r.actor)} data-recipient={str(r.actor)}>
                      <strong>{str(r.name)}</strong>: {t("desk.delivery")}{" "}
                      <span class={`state state-${str(r.delivery)}`}>
                        {str(r.delivery) === "none" ? t("desk.noContact") : v(str(r.delivery) ?? "")}
                      </span>
                      , {t("desk.answer")}{" "}
                      <span class={`state state-${str(r.answer)}`}>{v(str(r.answer) ?? "")}</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Requests past their due date with no answer, and the escalation each caused. */
export function OverdueRequests(props: { board: Json; caseId: string; name: (id: string) => string }) {
  const { t } = useI18n();
  const overdue = arr(props.board.overdue);
  if (overdue.length === 0) return <p>{t("desk.noOverdue")}</p>;
  return (
    <div class="table-wrap">
      <table class="desk-overdue">
        <thead>
          <tr>
            <th scope="col">{t("desk.due")}</th>
            <th scope="col">{t("desk.requests")}</th>
            <th scope="col">{t("desk.addressees")}</th>
            <th scope="col">{t("desk.daysOverdue")}</th>
            <th scope="col">{t("desk.escalatedTo")}</th>
          </tr>
        </thead>
        <tbody>
          {overdue.map((o) => (
            <tr key={`${str(o.warning)}/${str(o.action)}`}>
              <td class="nowrap">{str(o.dueAt)}</td>
              <td>{str(o.description)}</td>
              <td>{strs(o.addressees).map(props.name).join(", ")}</td>
              <td>{num(o.daysOverdue)}</td>
              <td>
                {str(o.escalatedTo) ? (
                  <RecordLink kind="warning" id={str(o.escalatedTo) ?? ""} caseId={props.caseId} />
                ) : (
                  t("desk.notEscalated")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Dead letters; a Retry button queues one again (only offered to roles that may write). */
export function DeadLetters(props: { board: Json; canRetry: boolean; onRetried: () => void }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const dead = arr(props.board.deadLetters);
  const retry = async (id: string) => {
    try {
      await send("POST", `/api/deliveries/${encodeURIComponent(id)}/retry`);
      setMessage({ ok: true, text: t("desk.retried") });
      props.onRetried();
    } catch (e) {
      setMessage({ ok: false, text: (e as ApiFailure).message });
    }
  };
  return (
    <>
      {message && (
        <p role={message.ok ? "status" : "alert"} class={message.ok ? "notice" : "error"}>
          {message.text}
        </p>
      )}
      {dead.length === 0 ? (
        <p>{t("desk.noDeadLetters")}</p>
      ) : (
        <div class="table-wrap">
          <table class="desk-dead">
            <thead>
              <tr>
                <th scope="col">{t("desk.warning")}</th>
                <th scope="col">{t("desk.recipients")}</th>
                <th scope="col">{t("desk.channel")}</th>
                <th scope="col">{t("desk.attempts")}</th>
                {props.canRetry && <th scope="col">{t("desk.retry")}</th>}
              </tr>
            </thead>
            <tbody>
              {dead.map((d) => (
                <tr key={str(d.id)}>
                  <td>{str(d.warning)}</td>
                  <td>{str(d.name)}</td>
                  <td>{str(d.channel)}</td>
                  <td>{num(d.attempts)}</td>
                  {props.canRetry && (
                    <td>
                      <button type="button" onClick={() => void retry(str(d.id) ?? "")}>
                        {t("desk.retry")}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The live per-duty-bearer scorecard of desk warnings, and the ledger's historical figures beside it. */
export function Scorecards(props: { board: Json; ledger: Json | undefined }) {
  const { t } = useI18n();
  return (
    <div class="side-by-side">
      <section aria-labelledby="desk-live">
        <h3 id="desk-live">{t("desk.liveScorecard")}</h3>
        <div class="table-wrap">
          <table class="desk-live">
            <thead>
              <tr>
                <th scope="col">{t("desk.dutyBearer")}</th>
                <th scope="col">{t("desk.warned")}</th>
                <th scope="col">{t("desk.inTime")}</th>
                <th scope="col">{t("desk.late")}</th>
                <th scope="col">{t("desk.refused")}</th>
                <th scope="col">{t("desk.silent")}</th>
                <th scope="col">{t("desk.awaiting")}</th>
              </tr>
            </thead>
            <tbody>
              {arr(props.board.scorecard).map((s) => (
                <tr key={str(s.actor)} data-actor={str(s.actor)}>
                  <th scope="row">{str(s.name)}</th>
                  <td>{num(s.warned)}</td>
                  <td>{num(s.answeredInTime)}</td>
                  <td>{num(s.answeredLate)}</td>
                  <td>{num(s.refused)}</td>
                  <td>{num(s.silent)}</td>
                  <td>{num(s.awaiting)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="desk-historic">
        <h3 id="desk-historic">{t("desk.historicScorecard")}</h3>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("desk.dutyBearer")}</th>
                <th scope="col">{t("desk.received")}</th>
                <th scope="col">{t("desk.answered")}</th>
                <th scope="col">{t("desk.actedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {arr(props.ledger?.dutyBearers).map((d) => (
                <tr key={str(d.actor)}>
                  <th scope="row">{str(d.name) ?? str(d.actor)}</th>
                  <td>{num(d.received)}</td>
                  <td>{num(d.answered)}</td>
                  <td>{num(d.actedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
