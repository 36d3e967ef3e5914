// The navigation: overview and country risk always; a case's views when a case is open.
import { useI18n, type MessageKey } from "../i18n.js";
import { href } from "../router.js";
import { useSession, userMay } from "../auth/session.js";

const CASE_VIEWS: readonly [string, MessageKey][] = [
  ["timeline", "nav.timeline"],
  ["alerts", "nav.alerts"],
  ["ledger", "nav.ledger"],
  ["naming", "nav.naming"],
  ["accountability", "nav.accountability"],
];

/** Site navigation; the current page is marked with aria-current. */
export function Nav(props: { parts: readonly string[]; caseId: string | undefined }) {
  const { t } = useI18n();
  const { user } = useSession();
  const [a, , c] = props.parts;
  const current = (is: boolean) => (is ? { "aria-current": "page" as const } : {});
  return (
    <nav class="nav" aria-label={t("nav.main")}>
      <ul>
        <li>
          <a href="#/" {...current(a === undefined)}>
            {t("nav.overview")}
          </a>
        </li>
        {props.caseId !== undefined &&
          CASE_VIEWS.map(([view, key]) => (
            <li key={view}>
              <a
                href={href(["case", props.caseId ?? "", view])}
                {...current(a === "case" && (c ?? "timeline") === view)}
              >
                {t(key)}
              </a>
            </li>
          ))}
        {props.caseId !== undefined && user && (
          <li>
            <a href={href(["case", props.caseId, "desk"])} {...current(a === "case" && c === "desk")}>
              {t("nav.desk")}
            </a>
          </li>
        )}
        {props.caseId !== undefined && userMay(user, "records:write") && (
          <li>
            <a
              href={href(["case", props.caseId, "new", "incident"])}
              {...current(a === "case" && c === "new")}
            >
              {t("nav.addRecord")}
            </a>
          </li>
        )}
        <li>
          <a href="#/forecasts" {...current(a === "forecasts")}>
            {t("nav.forecasts")}
          </a>
        </li>
        {userMay(user, "sources:protected:read") && (
          <li>
            <a href="#/reveal" {...current(a === "reveal")}>
              {t("nav.reveal")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
