// A case's settings as switches (one per boolean of the contract's CaseSettingsBodySchema: autoIssueWarnings),
// shown only to roles that may change them (records:write); each change is saved at once with
// PUT /api/cases/{id}/settings and read back from GET on the next visit.
import { useState } from "preact/hooks";
import { CaseSettingsBodySchema } from "../../../src/contracts/api/write.schema.js";
import { ApiFailure, send, useApi } from "../api.js";
import { useSession, userMay } from "../auth/session.js";
import { useI18n, type MessageKey } from "../i18n.js";

type Settings = Record<string, boolean>;

/** The settings the switches offer, in the contract's order. */
export const CASE_SETTING_KEYS = Object.keys(CaseSettingsBodySchema.shape) as readonly string[];

const enc = encodeURIComponent;

/** The case settings panel; renders nothing for a role that may not change them. */
export function CaseSettings(props: { caseId: string }) {
  const { user } = useSession();
  if (!userMay(user, "records:write")) return null;
  return <CaseSettingsPanel caseId={props.caseId} />;
}

function CaseSettingsPanel(props: { caseId: string }) {
  const { t } = useI18n();
  const loaded = useApi<{ settings: Settings }>(`/api/cases/${enc(props.caseId)}/settings`);
  const [changed, setChanged] = useState<Settings>({});
  const [status, setStatus] = useState<{ s: "saving" | "saved" } | { s: "failed"; message: string }>();
  if (loaded.state !== "ok") return null;
  const current: Settings = { ...loaded.data.settings, ...changed };
  const save = async (key: string, on: boolean) => {
    const next = { ...current, [key]: on };
    setStatus({ s: "saving" });
    try {
      const a = await send<{ settings: Settings }>("PUT", `/api/cases/${enc(props.caseId)}/settings`, {
        body: next,
      });
      setChanged(a.body.settings);
      setStatus({ s: "saved" });
    } catch (e) {
      setStatus({ s: "failed", message: e instanceof ApiFailure ? e.message : String(e) });
    }
  };
  return (
    <fieldset class="case-settings">
      <legend>{t("caseSettings.title")}</legend>
      {CASE_SETTING_KEYS.map((key) => (
        <div class="setting" key={key}>
          <label>
            <input
              type="checkbox"
              role="switch"
              checked={current[key] === true}
              aria-checked={current[key] === true}
              disabled={status?.s === "saving"}
              aria-describedby={`setting-${key}-hint`}
              onChange={(e) => void save(key, e.currentTarget.checked)}
            />{" "}
            {t(`caseSettings.${key}` as MessageKey)}
          </label>
          <p class="hint" id={`setting-${key}-hint`}>
            {t(`caseSettings.${key}Hint` as MessageKey)}
          </p>
        </div>
      ))}
      <p class="setting-status" role="status" aria-live="polite">
        {status?.s === "saving" && t("caseSettings.saving")}
        {status?.s === "saved" && t("caseSettings.saved")}
        {status?.s === "failed" && `${t("caseSettings.failed")} ${status.message}`}
      </p>
    </fieldset>
  );
}
