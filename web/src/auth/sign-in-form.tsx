// The sign-in form: user name and password, then — when the server asks for it — the six-digit TOTP code of the
// authenticator app. Used by the sign-in page and by the prompt that opens when a session has expired.
import { useEffect, useRef, useState } from "preact/hooks";
import { useI18n, type MessageKey } from "../i18n.js";
import { login } from "./auth-client.js";

const REASONS: Record<string, MessageKey> = {
  invalid: "signIn.invalid",
  throttled: "signIn.throttled",
  "not-enrolled": "signIn.notEnrolled",
  other: "signIn.failed",
};

/** The form; `onDone` runs after a successful sign-in. */
export function SignInForm(props: { onDone?: () => void; idPrefix: string }) {
  const { t } = useI18n();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [totp, setTotp] = useState("");
  const [step, setStep] = useState<"password" | "totp">("password");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (step === "totp") totpRef.current?.focus();
  }, [step]);
  const id = (x: string) => `${props.idPrefix}-${x}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const r = await login(username, password, step === "totp" ? totp.trim() : undefined);
    setBusy(false);
    if (r.ok) {
      setPassword("");
      setTotp("");
      setStep("password");
      props.onDone?.();
      return;
    }
    if (r.reason === "second-factor") {
      if (step === "totp") setError(t("signIn.badCode"));
      setStep("totp");
      setTotp("");
      return;
    }
    setError(`${t(REASONS[r.reason] ?? "signIn.failed")}${r.reason === "other" ? ` (${r.message})` : ""}`);
  };

  return (
    <form class="sign-in" onSubmit={submit} aria-describedby={error ? id("error") : undefined}>
      <div class="field">
        <label for={id("user")}>{t("signIn.username")}</label>
        <input
          id={id("user")}
          name="username"
          autocomplete="username"
          required
          value={username}
          readOnly={step === "totp"}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for={id("password")}>{t("signIn.password")}</label>
        <input
          id={id("password")}
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          readOnly={step === "totp"}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </div>
      {step === "totp" && (
        <div class="field">
          <label for={id("totp")}>{t("signIn.totp")}</label>
          <input
            id={id("totp")}
            ref={totpRef}
            name="totp"
            inputMode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={6}
            required
            value={totp}
            aria-describedby={id("totp-hint")}
            onInput={(e) => setTotp(e.currentTarget.value)}
          />
          <p class="hint" id={id("totp-hint")}>
            {t("signIn.totpHint")}
          </p>
        </div>
      )}
      {error && (
        <p class="error" role="alert" id={id("error")}>
          {error}
        </p>
      )}
      <div class="actions">
        <button type="submit" disabled={busy}>
          {step === "totp" ? t("signIn.verify") : t("signIn.submit")}
        </button>
        {step === "totp" && (
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setStep("password");
              setError(undefined);
            }}
          >
            {t("signIn.back")}
          </button>
        )}
      </div>
    </form>
  );
}
