// Create or edit one record: the kind's fields from its contract, the contract's check before sending, the
// server's problems on the fields they name, a backdated `knownAt` asking for its reason, and the conflict view
// when someone else saved first (412).
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiFailure } from "../api.js";
import { useSession, userMay } from "../auth/session.js";
import { fieldLabel } from "../components/field-labels.js";
import { useI18n } from "../i18n.js";
import { ConflictView } from "./conflict-view.js";
import { FieldEditor } from "./field-editor.js";
import { formOf, type RecordKind } from "./field-spec.js";
import { FormContext } from "./form-context.js";
import {
  checkRecord,
  fieldId,
  formPath,
  pruneFields,
  setAt,
  toFormValue,
  type FormValue,
  type Problem,
} from "./form-value.js";
import { forgetRefOptions } from "./ref-picker.js";
import { createRecord, newIdempotencyKey, updateRecord, type Written } from "./write-api.js";

/** Today as YYYY-MM-DD in the user's time zone. */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** A `knownAt` earlier than yesterday is a backfill: the API asks for its reason. */
export function isBackfill(knownAt: unknown, now = new Date()): boolean {
  if (typeof knownAt !== "string" || !/^\d{4}(-\d{2}){0,2}$/u.test(knownAt)) return false;
  return knownAt < today(new Date(now.getTime() - 86_400_000));
}

interface Conflict {
  readonly theirs: FormValue;
  readonly version: string;
}

export function RecordForm(props: {
  kind: RecordKind;
  caseId: string;
  /** The stored record and its version when editing; absent to create. */
  initial?: { record: FormValue; version: string | undefined };
  onSaved: (w: Written) => void;
}) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const fields = useMemo(() => formOf(props.kind), [props.kind]);
  const editing = props.initial !== undefined;
  const [value, setValue] = useState<FormValue>(() =>
    props.initial ? toFormValue(fields, props.initial.record) : { knownAt: today(), citations: [{}] },
  );
  const [version, setVersion] = useState(props.initial?.version);
  const [backfillReason, setBackfillReason] = useState("");
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const key = useRef(newIdempotencyKey());
  const summaryRef = useRef<HTMLDivElement>(null);
  const backfill = isBackfill(value.knownAt);

  const byPath = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const p of problems) m.set(p.path, [...(m.get(p.path) ?? []), p.message]);
    return m;
  }, [problems]);
  useEffect(() => {
    if (problems.length > 0 || failure) summaryRef.current?.focus();
  }, [problems, failure]);

  const ctx = {
    caseId: props.caseId,
    problems: byPath,
    set: (path: readonly (string | number)[], v: unknown) => {
      setSaved(false);
      setValue((old) => setAt(old, path, v) as FormValue);
    },
    mayProtect: userMay(user, "sources:protected:read"),
  };

  const save = async (body: FormValue, againstVersion: string | undefined) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const withReason = backfill ? { ...body, backfillReason } : body;
      const w = editing
        ? await updateRecord(props.caseId, props.kind, String(body.id), withReason, againstVersion ?? "")
        : await createRecord(props.caseId, props.kind, withReason, key.current);
      key.current = newIdempotencyKey();
      forgetRefOptions();
      setSaved(true);
      setConflict(undefined);
      setProblems([]);
      setVersion(w.body.version ?? w.etag);
      props.onSaved(w.body);
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 412) {
        const current = (e.body.current ?? {}) as FormValue;
        setConflict({ theirs: toFormValue(fields, current), version: String(e.body.currentVersion ?? "") });
      } else if (e instanceof ApiFailure && e.problems.length > 0) {
        setProblems(e.problems.map((p) => ({ path: formPath(props.kind, p.path), message: p.message })));
      } else if (e instanceof ApiFailure) {
        const why: Record<number, string> = {
          403: t("form.forbidden"),
          404: t("form.writeMissing"),
          409: t("form.idTaken"),
          413: t("form.tooLarge"),
          428: t("form.stale"),
        };
        setFailure(`${why[e.status] ?? t("form.failed")} (${e.status}: ${e.message})`);
      } else setFailure(`${t("form.failed")}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: Event) => {
    e.preventDefault();
    const body = pruneFields(fields, value);
    const found = checkRecord(props.kind, body, lang);
    if (backfill && backfillReason.trim() === "")
      found.push({ path: "backfillReason", message: t("form.backfillNeeded") });
    setProblems(found);
    if (found.length === 0) void save(body, version);
  };

  const label = (path: string) =>
    path
      .split(".")
      .map((p) => (/^\d+$/u.test(p) ? String(Number(p) + 1) : fieldLabel(p, lang)))
      .join(" › ") || t("form.record");

  return (
    <FormContext.Provider value={ctx}>
      {conflict && (
        <ConflictView
          mine={pruneFields(fields, value)}
          theirs={conflict.theirs}
          onKeepMine={() => void save(pruneFields(fields, value), conflict.version)}
          onKeepTheirs={() => {
            setValue(conflict.theirs);
            setVersion(conflict.version);
            setConflict(undefined);
          }}
          onMerge={(merged) => {
            setValue(merged);
            setVersion(conflict.version);
            setConflict(undefined);
          }}
        />
      )}
      <form class="record-form" noValidate onSubmit={submit} aria-busy={busy}>
        {(problems.length > 0 || failure) && (
          <div class="problems-summary" role="alert" tabIndex={-1} ref={summaryRef}>
            <strong>{failure ?? t("form.problems")}</strong>
            {problems.length > 0 && (
              <ul>
                {problems.map((p, i) => (
                  <li key={i}>
                    <a href={`#${fieldId(p.path.split("."))}`} onClick={(e) => focusField(e, p.path)}>
                      {label(p.path)}
                    </a>
                    : {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {fields.map((f) => (
          <div key={f.name} class={f.name === "id" && editing ? "readonly-id" : undefined}>
            {f.name === "id" && editing ? (
              <p>
                <strong>{fieldLabel("id", lang)}</strong> <code>{String(value.id)}</code>
              </p>
            ) : (
              <FieldEditor field={f} path={[f.name]} value={value[f.name]} />
            )}
          </div>
        ))}
        {backfill && (
          <div class="field" data-invalid={byPath.has("backfillReason") ? "true" : undefined}>
            <label for="f-backfillReason">{t("form.backfillReason")} *</label>
            <textarea
              id="f-backfillReason"
              value={backfillReason}
              aria-describedby="f-backfillReason-hint"
              onInput={(e) => setBackfillReason(e.currentTarget.value)}
            />
            <p class="hint" id="f-backfillReason-hint">
              {t("form.backfillHint")}
            </p>
            {byPath.has("backfillReason") && (
              <p class="problem">{byPath.get("backfillReason")?.join(" · ")}</p>
            )}
          </div>
        )}
        <div class="actions">
          <button type="submit" disabled={busy}>
            {t("common.save")}
          </button>
        </div>
        {saved && (
          <p class="notice" role="status">
            {t("form.saved")}
          </p>
        )}
      </form>
    </FormContext.Provider>
  );
}

/** Focus the field a problem names (its input, or the first input of its group). */
function focusField(e: Event, path: string): void {
  e.preventDefault();
  const el = document.getElementById(fieldId(path.split(".")));
  const target = el?.matches("input, select, textarea") ? el : el?.querySelector("input, select, textarea");
  (target as HTMLElement | null | undefined)?.focus();
}
