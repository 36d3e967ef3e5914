// Delete a record (soft: the server keeps it in its versions), after a confirmation step; the version deleted
// is the one read just before, so a record someone else changed meanwhile is not deleted blindly (412).
import { useState } from "preact/hooks";
import type { RecordKind } from "./field-spec.js";
import { ApiFailure } from "../api.js";
import { useI18n } from "../i18n.js";
import { href, navigate } from "../router.js";
import { deleteRecord, readRecord } from "./write-api.js";

export function DeleteRecordButton(props: { kind: string; id: string; caseId: string }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const kind = props.kind as RecordKind;
  const confirm = async () => {
    setError(undefined);
    try {
      const { etag } = await readRecord(kind, props.id, props.caseId);
      await deleteRecord(props.caseId, kind, props.id, etag ?? "");
      navigate(href(["case", props.caseId, "timeline"]));
    } catch (e) {
      setError(
        e instanceof ApiFailure && e.status === 412
          ? t("form.deleteStale")
          : e instanceof ApiFailure && e.status === 404
            ? `${t("form.writeMissing")} (${e.message})`
            : e instanceof Error
              ? e.message
              : String(e),
      );
    }
  };
  if (!asking)
    return (
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {t("common.delete")}
      </button>
    );
  return (
    <span class="confirm-delete" role="group" aria-label={t("form.deleteConfirm")}>
      <span>{t("form.deleteConfirm")}</span>{" "}
      <button type="button" class="danger" onClick={() => void confirm()}>
        {t("common.delete")}
      </button>{" "}
      <button type="button" onClick={() => setAsking(false)}>
        {t("common.cancel")}
      </button>
      {error && (
        <span class="error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
