// "Issue warning": from an alert (the server's draft of a stored alert pre-fills its playbook's duty-bearers and
// actions; sent as `fromAlert`, so the warning keeps the engine as its origin and the analyst's edits win) or from
// scratch. The analyst reviews the
// recipients (actor picker), the requested actions and their due dates, then issues.
import { useState } from "preact/hooks";
import { RequestedActionSchema } from "../../../src/contracts/warning.schema.js";
import { send, useApi, type ApiFailure } from "../api.js";
import { useRefOptions } from "../forms/ref-picker.js";
import { useI18n } from "../i18n.js";
import { arr, str, strs, type Json } from "../view-data.js";

const ACTION_KINDS = RequestedActionSchema.shape.kind.options;

interface ActionDraft {
  id: string;
  kind: string;
  description: string;
  dueAt: string;
}

interface Draft {
  fromAlert: string;
  sender: string;
  recipients: readonly string[];
  summary: string;
  actions: readonly ActionDraft[];
}

const EMPTY: Draft = { fromAlert: "", sender: "", recipients: [], summary: "", actions: [] };

/** The form's draft from a stored alert's draft (GET /api/cases/{caseId}/warnings/drafts). */
export function draftOf(item: Json): Draft {
  const d = (item.draft ?? {}) as Json;
  return {
    fromAlert: str(item.alert) ?? "",
    sender: "",
    recipients: strs(d.recipients),
    summary: str(d.summary) ?? "",
    actions: arr(d.requestedActions).map((a) => ({
      id: str(a.id) ?? "",
      kind: str(a.kind) ?? "other",
      description: str(a.description) ?? "",
      dueAt: str(a.dueAt) ?? "",
    })),
  };
}

/** The request body of POST /api/cases/{caseId}/warnings/issue for a draft. */
export function issueBody(d: Draft): Record<string, unknown> {
  return {
    ...(d.fromAlert ? { fromAlert: d.fromAlert } : { sender: d.sender }),
    recipients: d.recipients,
    summary: d.summary,
    requestedActions: d.actions.map((a, i) => ({
      id: a.id || `a${i + 1}`,
      kind: a.kind,
      description: a.description,
      ...(a.dueAt ? { dueAt: a.dueAt } : {}),
    })),
  };
}

/** The form; `onIssued` is told after a warning is issued (the board reloads). */
export function IssueWarningForm(props: { caseId: string; onIssued: () => void }) {
  const { t, v } = useI18n();
  const actors = useRefOptions("actor", props.caseId);
  const [drafted, setDrafted] = useState(0);
  const loaded = useApi<Json>(`/api/cases/${encodeURIComponent(props.caseId)}/warnings/drafts`, drafted);
  const alerts = loaded.state === "ok" ? arr(loaded.data.items) : [];
  const [d, setD] = useState<Draft>(EMPTY);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const setAction = (i: number, patch: Partial<ActionDraft>) =>
    set({ actions: d.actions.map((a, j) => (j === i ? { ...a, ...patch } : a)) });

  const submit = async (e: Event) => {
    e.preventDefault();
    if (d.recipients.length === 0) return setOutcome({ ok: false, text: t("desk.pickRecipient") });
    setBusy(true);
    try {
      const r = await send<{ warning: { id: string }; unreachable: string[] }>(
        "POST",
        `/api/cases/${encodeURIComponent(props.caseId)}/warnings/issue`,
        { body: issueBody(d) },
      );
      const unreachable = r.body.unreachable ?? [];
      setOutcome({
        ok: true,
        text: `${t("desk.issued")}: ${r.body.warning.id}${unreachable.length > 0 ? ` — ${t("desk.unreachable")} ${unreachable.join(", ")}` : ""}`,
      });
      setD(EMPTY);
      setDrafted((n) => n + 1);
      props.onIssued();
    } catch (err) {
      const f = err as ApiFailure;
      const details = (f.problems ?? []).map((p) => `${p.path}: ${p.message}`).join("; ");
      setOutcome({ ok: false, text: details ? `${f.message} (${details})` : f.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="desk-issue" onSubmit={(e) => void submit(e)} aria-labelledby="desk-issue-title">
      <h2 id="desk-issue-title">{t("desk.issue")}</h2>
      <label>
        {t("desk.fromAlert")}{" "}
        <select
          name="fromAlert"
          value={d.fromAlert}
          onChange={(e) => {
            const id = e.currentTarget.value;
            const a = alerts.find((x) => str(x.alert) === id);
            setD(a ? draftOf(a) : EMPTY);
          }}
        >
          <option value="">{t("desk.fromScratch")}</option>
          {alerts.map((a) => (
            <option value={str(a.alert)} key={str(a.alert)}>
              {str(a.date)} — {v(str(a.level) ?? "")} — {str(a.alert)}
            </option>
          ))}
        </select>
      </label>
      {!d.fromAlert && (
        <label>
          {t("desk.sender")}{" "}
          <select
            name="sender"
            required
            value={d.sender}
            onChange={(e) => set({ sender: e.currentTarget.value })}
          >
            <option value="" />
            {actors.map((a) => (
              <option value={a.id} key={a.id}>
                {a.label || a.id}
              </option>
            ))}
          </select>
        </label>
      )}
      <fieldset>
        <legend>{t("desk.recipients")}</legend>
        <ul class="plain checks">
          {actors.map((a) => (
            <li key={a.id}>
              <label>
                <input
                  type="checkbox"
                  name="recipient"
                  value={a.id}
                  checked={d.recipients.includes(a.id)}
                  onChange={(e) =>
                    set({
                      recipients: e.currentTarget.checked
                        ? [...d.recipients, a.id]
                        : d.recipients.filter((x) => x !== a.id),
                    })
                  }
                />{" "}
                {a.label || a.id}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label>
        {t("desk.summary")}
        <textarea
          name="summary"
          required
          value={d.summary}
          onInput={(e) => set({ summary: e.currentTarget.value })}
        />
      </label>
      <fieldset>
        <legend>{t("desk.actions")}</legend>
        {d.actions.map((a, i) => (
          <div class="desk-action" key={i}>
            <label>
              {t("desk.actionKind")}{" "}
              <select value={a.kind} onChange={(e) => setAction(i, { kind: e.currentTarget.value })}>
                {ACTION_KINDS.map((k) => (
                  <option value={k} key={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("desk.actionDescription")}{" "}
              <input
                type="text"
                name={`action-${i}-description`}
                required
                value={a.description}
                onInput={(e) => setAction(i, { description: e.currentTarget.value })}
              />
            </label>
            <label>
              {t("desk.actionDue")}{" "}
              <input
                type="date"
                name={`action-${i}-due`}
                value={a.dueAt}
                onInput={(e) => setAction(i, { dueAt: e.currentTarget.value })}
              />
            </label>
            <button type="button" onClick={() => set({ actions: d.actions.filter((_, j) => j !== i) })}>
              {t("desk.removeAction")}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            set({ actions: [...d.actions, { id: "", kind: "other", description: "", dueAt: "" }] })
          }
        >
          {t("desk.addAction")}
        </button>
      </fieldset>
      <button type="submit" disabled={busy}>
        {t("desk.issueSubmit")}
      </button>
      {outcome && (
        <p role={outcome.ok ? "status" : "alert"} class={outcome.ok ? "notice" : "error"}>
          {outcome.text}
        </p>
      )}
    </form>
  );
}
