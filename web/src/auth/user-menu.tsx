// Who is signed in (name and role) and the sign-out button, or a sign-in link; in the page header.
import { useI18n } from "../i18n.js";
import { href, navigate } from "../router.js";
import { logout } from "./auth-client.js";
import { useSession } from "./session.js";

export function UserMenu() {
  const { t, v } = useI18n();
  const s = useSession();
  if (!s.user)
    return (
      <a class="user-link" href={href(["sign-in"], { next: location.hash || "#/" })}>
        {t("user.signIn")}
      </a>
    );
  return (
    <div class="user-menu">
      <span class="user-name">
        <span class="visually-hidden">{t("user.signedInAs")} </span>
        {s.user.name}
        {s.user.role && <span class="user-role"> ({v(s.user.role)})</span>}
      </span>
      <button
        type="button"
        class="link-button"
        onClick={async () => {
          await logout();
          navigate("#/");
        }}
      >
        {t("user.signOut")}
      </button>
    </div>
  );
}
