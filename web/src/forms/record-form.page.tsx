// #/case/:caseId/new/:kind (create) and #/record/:kind/:id/edit?case= (edit): a record form on its own page,
// shown only to roles that may write; after a save the record's page opens.
import { useEffect, useState } from "preact/hooks";
import { ApiFailure } from "../api.js";
import { useSession, userMay } from "../auth/session.js";
import { useI18n, type MessageKey } from "../i18n.js";
import { href, navigate } from "../router.js";
import { KINDS, type RecordKind } from "./field-spec.js";
import type { FormValue } from "./form-value.js";
import { RecordForm } from "./record-form.js";
import { readRecord } from "./write-api.js";

export const kindKey = (k: string) => `kind.${k}` as MessageKey;

function isKind(k: string): k is RecordKind {
  return (KINDS as string[]).includes(k);
}

/** A notice instead of the form for someone who may not write. */
function MayWrite(props: { children: preact.ComponentChildren }) {
  const { t } = useI18n();
  const { user } = useSession();
  if (!user)
    return (
      <p class="notice">
        {t("form.signInToWrite")} <a href={href(["sign-in"], { next: location.hash })}>{t("user.signIn")}</a>
      </p>
    );
  if (!userMay(user, "records:write")) return <p class="notice">{t("form.readOnlyRole")}</p>;
  return <>{props.children}</>;
}

export function NewRecordPage(props: { caseId: string; kind: string }) {
  const { t } = useI18n();
  const kind = isKind(props.kind) ? props.kind : "incident";
  return (
    <>
      <p class="kicker">
        {t("nav.case")} · <a href={href(["case", props.caseId, "timeline"])}>{props.caseId}</a>
      </p>
      <h1>{t("form.newTitle")}</h1>
      <MayWrite>
        <div class="field">
          <label for="new-kind">{t("form.kind")}</label>
          <select
            id="new-kind"
            value={kind}
            onChange={(e) => navigate(href(["case", props.caseId, "new", e.currentTarget.value]))}
          >
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindKey(k))}
              </option>
            ))}
          </select>
        </div>
        <RecordForm
          key={kind}
          kind={kind}
          caseId={props.caseId}
          onSaved={(w) =>
            navigate(href(["record", kind, String(w.record?.id ?? "")], { case: props.caseId }))
          }
        />
      </MayWrite>
    </>
  );
}

export function EditRecordPage(props: { kind: string; id: string; caseId: string | undefined }) {
  const { t } = useI18n();
  const [loaded, setLoaded] = useState<
    { record: FormValue; version: string | undefined } | { error: string } | undefined
  >();
  const kind = isKind(props.kind) ? props.kind : undefined;
  useEffect(() => {
    if (!kind || !props.caseId) return;
    readRecord(kind, props.id, props.caseId).then(
      (r) => setLoaded({ record: r.record, version: r.etag }),
      (e: unknown) =>
        setLoaded({ error: e instanceof ApiFailure || e instanceof Error ? e.message : String(e) }),
    );
  }, [kind, props.id, props.caseId]);
  if (!kind || !props.caseId) return <h1>{t("notFound.title")}</h1>;
  const caseId = props.caseId;
  return (
    <>
      <p class="kicker">
        {t(kindKey(kind))} · <code>{props.id}</code>
      </p>
      <h1>{t("form.editTitle")}</h1>
      <MayWrite>
        {loaded === undefined && <p role="status">{t("common.loading")}</p>}
        {loaded && "error" in loaded && (
          <p class="error" role="alert">
            {t("common.error")}: {loaded.error}
          </p>
        )}
        {loaded && "record" in loaded && (
          <RecordForm
            kind={kind}
            caseId={caseId}
            initial={loaded}
            onSaved={() => navigate(href(["record", kind, props.id], { case: caseId }))}
          />
        )}
      </MayWrite>
    </>
  );
}
