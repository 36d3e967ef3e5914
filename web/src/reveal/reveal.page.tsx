// #/reveal: the dual-control reveal of a protected source's identity for source-handlers. One handler asks (with
// a reason), a second handler approves by the request's id, then the first reveals — once. The identity is shown
// on the page only, never stored by the dashboard.
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import { ApiFailure, send, useApi } from "../api.js";
import { useI18n } from "../i18n.js";
import { forgetRevealRequest, myRevealRequests, rememberRevealRequest } from "./reveal-store.js";

interface SourceItem {
  id: string;
  title: string;
  confidential?: boolean;
}

function failureText(e: unknown, t: ReturnType<typeof useI18n>["t"]): string {
  if (e instanceof ApiFailure && e.status === 403) return `${t("reveal.refused")} (${e.message})`;
  if (e instanceof ApiFailure && e.status === 404) return t("reveal.notFound");
  return e instanceof Error ? e.message : String(e);
}

/** Ask for a reveal: which confidential source of which case, and why. */
function RequestForm(props: { caseId: string; sourceId: string; onMade: () => void }) {
  const { t } = useI18n();
  const [caseId, setCaseId] = useState(props.caseId);
  const [sourceId, setSourceId] = useState(props.sourceId);
  const [reason, setReason] = useState("");
  const [msg, setMsg] = useState<{ ok: boolean; text: string; id?: string } | undefined>();
  const cases = useApi<{ items: { id: string; title: string }[] }>("/api/cases");
  const sources = useApi<{ items: SourceItem[] }>(
    caseId ? `/api/records/source?case=${encodeURIComponent(caseId)}&limit=500` : null,
  );
  const confidential =
    sources.state === "ok" ? sources.data.items.filter((s) => s.confidential === true) : [];
  const submit = async (e: Event) => {
    e.preventDefault();
    if (reason.trim().length < 10) {
      setMsg({ ok: false, text: t("reveal.reasonShort") });
      return;
    }
    try {
      const { body } = await send<{ id: string }>("POST", "/api/reveal-requests", {
        body: { caseId, sourceId, reason },
      });
      rememberRevealRequest({ id: body.id, caseId, sourceId, at: new Date().toISOString() });
      setMsg({ ok: true, text: t("reveal.requested"), id: body.id });
      setReason("");
      props.onMade();
    } catch (err) {
      setMsg({ ok: false, text: failureText(err, t) });
    }
  };
  return (
    <form onSubmit={submit} class="reveal-request" noValidate>
      <div class="inline-fields">
        <div class="field">
          <label for="rv-case">{t("nav.case")}</label>
          <select id="rv-case" value={caseId} required onChange={(e) => setCaseId(e.currentTarget.value)}>
            <option value="">—</option>
            {cases.state === "ok" &&
              cases.data.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
          </select>
        </div>
        <div class="field">
          <label for="rv-source">{t("reveal.source")}</label>
          <select
            id="rv-source"
            value={sourceId}
            required
            onChange={(e) => setSourceId(e.currentTarget.value)}
          >
            <option value="">—</option>
            {confidential.map((s) => (
              <option key={s.id} value={s.id}>
                {s.id}
              </option>
            ))}
            {sourceId && !confidential.some((s) => s.id === sourceId) && (
              <option value={sourceId}>{sourceId}</option>
            )}
          </select>
        </div>
      </div>
      <div class="field">
        <label for="rv-reason">{t("reveal.reason")}</label>
        <textarea
          id="rv-reason"
          required
          minLength={10}
          value={reason}
          aria-describedby="rv-reason-hint"
          onInput={(e) => setReason(e.currentTarget.value)}
        />
        <p class="hint" id="rv-reason-hint">
          {t("reveal.reasonHint")}
        </p>
      </div>
      <div class="actions">
        <button type="submit">{t("reveal.ask")}</button>
      </div>
      {msg && (
        <p class={msg.ok ? "notice" : "error"} role={msg.ok ? "status" : "alert"}>
          {msg.text}
          {msg.id && (
            <>
              {" "}
              <code class="reveal-id">{msg.id}</code>
            </>
          )}
        </p>
      )}
    </form>
  );
}

/** Approve a colleague's request by its id. */
function ApproveForm() {
  const { t } = useI18n();
  const [id, setId] = useState("");
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | undefined>();
  const submit = async (e: Event) => {
    e.preventDefault();
    try {
      await send("POST", `/api/reveal-requests/${encodeURIComponent(id.trim())}/approve`);
      setMsg({ ok: true, text: t("reveal.approved") });
      setId("");
    } catch (err) {
      setMsg({ ok: false, text: failureText(err, t) });
    }
  };
  return (
    <form onSubmit={submit} noValidate>
      <div class="field">
        <label for="rv-approve-id">{t("reveal.requestId")}</label>
        <input id="rv-approve-id" required value={id} onInput={(e) => setId(e.currentTarget.value)} />
      </div>
      <div class="actions">
        <button type="submit">{t("reveal.approve")}</button>
      </div>
      {msg && (
        <p class={msg.ok ? "notice" : "error"} role={msg.ok ? "status" : "alert"}>
          {msg.text}
        </p>
      )}
    </form>
  );
}

/** The requests made from this browser, each with its Reveal button. */
function MyRequests(props: { version: number }) {
  const { t } = useI18n();
  const [, setTick] = useState(0);
  const [shown, setShown] = useState<{ id: string; identity: Record<string, string> } | undefined>();
  const [msg, setMsg] = useState<string | undefined>();
  void props.version;
  const mine = myRevealRequests();
  const reveal = async (id: string) => {
    setMsg(undefined);
    try {
      const { body } = await send<{ identity: Record<string, string> }>(
        "POST",
        `/api/reveal-requests/${encodeURIComponent(id)}/reveal`,
      );
      forgetRevealRequest(id);
      setShown({ id, identity: body.identity });
    } catch (err) {
      setMsg(failureText(err, t));
    }
    setTick((n) => n + 1);
  };
  return (
    <>
      {mine.length === 0 ? (
        <p>{t("reveal.noneMine")}</p>
      ) : (
        <ul class="reveal-mine">
          {mine.map((r) => (
            <li key={r.id}>
              <code>{r.id}</code> — {r.caseId} / {r.sourceId}{" "}
              <button type="button" onClick={() => void reveal(r.id)}>
                {t("reveal.reveal")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {msg && (
        <p class="error" role="alert">
          {msg}
        </p>
      )}
      {shown && (
        <section class="reveal-identity" aria-live="polite">
          <h3>{t("reveal.identity")}</h3>
          <dl class="fields">
            {Object.entries(shown.identity).map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </Fragment>
            ))}
          </dl>
          <p class="hint">{t("reveal.once")}</p>
          <button type="button" onClick={() => setShown(undefined)}>
            {t("reveal.hide")}
          </button>
        </section>
      )}
    </>
  );
}

export function RevealPage(props: { caseId: string; sourceId: string }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  return (
    <>
      <h1>{t("reveal.title")}</h1>
      <p class="kicker">{t("reveal.intro")}</p>
      <h2>{t("reveal.askTitle")}</h2>
      <RequestForm caseId={props.caseId} sourceId={props.sourceId} onMade={() => setVersion((v) => v + 1)} />
      <h2>{t("reveal.approveTitle")}</h2>
      <ApproveForm />
      <h2>{t("reveal.mineTitle")}</h2>
      <MyRequests version={version} />
    </>
  );
}
