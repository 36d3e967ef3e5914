// Render an API load: a status line while loading, the problem's message on failure, else the content.
import type { ComponentChildren } from "preact";
import type { Loaded } from "../api.js";
import { useI18n } from "../i18n.js";

/** Show `render(data)` once loaded. A 503 (analysis not available yet) is a notice, not an error. */
export function Loader<T>(props: { loaded: Loaded<T>; render: (data: T) => ComponentChildren }) {
  const { t } = useI18n();
  const l = props.loaded;
  if (l.state === "loading") return <p role="status">{t("common.loading")}</p>;
  if (l.state === "error") {
    const unavailable = "status" in l.error && l.error.status === 503;
    return (
      <p role={unavailable ? "status" : "alert"} class={unavailable ? "notice" : "error"}>
        {unavailable ? t("common.unavailable") : `${t("common.error")}: ${l.error.message}`}
      </p>
    );
  }
  return <>{props.render(l.data)}</>;
}
