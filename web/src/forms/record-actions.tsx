// The write controls of a record page, each shown only to roles that may use it: edit and delete (analysts,
// admins, source-handlers) and, on a confidential source, the way to the dual-control reveal (source-handlers).
import { useSession, userMay } from "../auth/session.js";
import { useI18n } from "../i18n.js";
import { href } from "../router.js";
import { DeleteRecordButton } from "./delete-record.js";

export function RecordActions(props: {
  kind: string;
  id: string;
  caseId: string | undefined;
  confidential: boolean;
}) {
  const { t } = useI18n();
  const { user } = useSession();
  const write = userMay(user, "records:write") && props.caseId !== undefined;
  const reveal = props.confidential && userMay(user, "sources:protected:read");
  if (!write && !reveal) return null;
  return (
    <div class="write-bar">
      {write && (
        <>
          <a class="button" href={href(["record", props.kind, props.id, "edit"], { case: props.caseId })}>
            {t("common.edit")}
          </a>
          <DeleteRecordButton kind={props.kind} id={props.id} caseId={props.caseId ?? ""} />
        </>
      )}
      {reveal && (
        <a class="button" href={href(["reveal"], { case: props.caseId, source: props.id })}>
          {t("reveal.link")}
        </a>
      )}
    </div>
  );
}
