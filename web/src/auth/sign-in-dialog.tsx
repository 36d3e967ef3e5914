// The sign-in prompt as a modal dialog over the page (native <dialog>: focus stays inside, Escape closes), so
// whatever the user was typing stays on the page underneath while they sign in again.
import { useEffect, useRef } from "preact/hooks";
import { useI18n } from "../i18n.js";
import { cancelSignIn, useSession } from "./session.js";
import { SignInForm } from "./sign-in-form.js";

/** Shown while the session state's prompt is open. */
export function SignInDialog() {
  const { t } = useI18n();
  const s = useSession();
  const ref = useRef<HTMLDialogElement>(null);
  const open = s.prompt !== "closed";
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      class="sign-in-dialog"
      aria-labelledby="sign-in-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        cancelSignIn();
      }}
    >
      <h2 id="sign-in-dialog-title">{t("signIn.title")}</h2>
      {s.prompt === "expired" && (
        <p class="notice" role="status">
          {t("signIn.expired")}
        </p>
      )}
      {open && <SignInForm idPrefix="dlg" />}
      <button type="button" class="secondary" onClick={() => cancelSignIn()}>
        {t("common.cancel")}
      </button>
    </dialog>
  );
}
