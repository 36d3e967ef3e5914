// #/sign-in: the sign-in page; after signing in it goes back to `?next=` (a dashboard hash) or the overview.
import { useI18n } from "../i18n.js";
import { navigate } from "../router.js";
import { useSession } from "./session.js";
import { SignInForm } from "./sign-in-form.js";

/** Only a dashboard hash may be a destination (never another site). */
function safeNext(next: string | null): string {
  return next && next.startsWith("#/") ? next : "#/";
}

export function SignInPage(props: { next: string | null }) {
  const { t } = useI18n();
  const s = useSession();
  return (
    <section class="sign-in-page">
      <h1>{t("signIn.title")}</h1>
      {s.user ? (
        <p role="status">
          {t("user.signedInAs")} <strong>{s.user.name}</strong>
        </p>
      ) : (
        <SignInForm idPrefix="page" onDone={() => navigate(safeNext(props.next))} />
      )}
    </section>
  );
}
