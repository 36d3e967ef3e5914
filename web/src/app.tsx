// The dashboard shell: skip link, header with navigation and language switch, and the page of the current URL.
import { useEffect, useRef, useState } from "preact/hooks";
import { I18nContext, LANGUAGES, i18nFor, useI18n, type Lang } from "./i18n.js";
import { Nav } from "./components/nav.js";
import { restoreSession } from "./auth/auth-client.js";
import { SignInDialog } from "./auth/sign-in-dialog.js";
import { SignInPage } from "./auth/sign-in.page.js";
import { UserMenu } from "./auth/user-menu.js";
import { RevealPage } from "./reveal/reveal.page.js";
import { LiveAlerts } from "./live/live-alerts.js";
import { NewCasePage } from "./forms/case-form.page.js";
import { EditRecordPage, NewRecordPage } from "./forms/record-form.page.js";
import { useRoute } from "./router.js";
import { AccountabilityPage } from "./pages/accountability.page.js";
import { AlertsPage } from "./pages/alerts.page.js";
import { DeskPage } from "./pages/desk.page.js";
import { ForecastsPage } from "./pages/forecasts.page.js";
import { LedgerPage } from "./pages/ledger.page.js";
import { NamingPage } from "./pages/naming.page.js";
import { OverviewPage } from "./pages/overview.page.js";
import { RecordPage } from "./pages/record.page.js";
import { TimelinePage } from "./pages/timeline.page.js";

function initialLang(): Lang {
  const saved = localStorage.getItem("tocsin.lang");
  if (saved === "en" || saved === "fr") return saved;
  return navigator.language.startsWith("fr") ? "fr" : "en";
}

/** The page for a route's path segments. */
function Page(props: { parts: readonly string[]; query: URLSearchParams }) {
  const [a, b, c] = props.parts;
  if (a === undefined) return <OverviewPage />;
  if (a === "sign-in") return <SignInPage next={props.query.get("next")} />;
  if (a === "reveal")
    return <RevealPage caseId={props.query.get("case") ?? ""} sourceId={props.query.get("source") ?? ""} />;
  if (a === "new-case") return <NewCasePage />;
  if (a === "case" && b !== undefined && c === "new")
    return <NewRecordPage caseId={b} kind={props.parts[3] ?? "incident"} />;
  if (a === "record" && b !== undefined && c !== undefined && props.parts[3] === "edit")
    return <EditRecordPage kind={b} id={c} caseId={props.query.get("case") ?? undefined} />;
  if (a === "case" && b !== undefined) {
    switch (c ?? "timeline") {
      case "timeline":
        return <TimelinePage caseId={b} query={props.query} />;
      case "alerts":
        return <AlertsPage caseId={b} />;
      case "ledger":
        return <LedgerPage caseId={b} />;
      case "naming":
        return <NamingPage caseId={b} />;
      case "desk":
        return <DeskPage caseId={b} />;
      case "accountability":
        return <AccountabilityPage caseId={b} />;
    }
  }
  if (a === "forecasts") return <ForecastsPage runId={b} />;
  if (a === "record" && b !== undefined && c !== undefined) {
    return <RecordPage kind={b} id={c} caseId={props.query.get("case") ?? undefined} />;
  }
  return <NotFound />;
}

function NotFound() {
  const { t } = useI18n();
  return <h1>{t("notFound.title")}</h1>;
}

/** The whole dashboard. */
export function App() {
  const route = useRoute();
  const [lang, setLang] = useState<Lang>(initialLang);
  const i18n = i18nFor(lang, (l) => {
    localStorage.setItem("tocsin.lang", l);
    setLang(l);
  });
  useEffect(() => void restoreSession(), []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${i18n.t("app.title")} — ${i18n.t("app.tagline")}`;
  }, [lang]);
  // Move focus to the main region after a navigation (not on first load) so keyboard and screen-reader users
  // land on the new page.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    document.getElementById("main")?.focus({ preventScroll: true });
  }, [route.parts.join("/")]);
  const caseId = route.parts[0] === "case" ? route.parts[1] : (route.query.get("case") ?? undefined);
  return (
    <I18nContext.Provider value={i18n}>
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById("main")?.focus();
        }}
      >
        {lang === "fr" ? "Aller au contenu" : "Skip to content"}
      </a>
      <header class="top">
        <div class="brand">
          <span class="brand-name">{i18n.t("app.title")}</span>
          <span class="brand-tag">{i18n.t("app.tagline")}</span>
        </div>
        <div class="top-tools">
          <UserMenu />
          <label class="lang">
            {i18n.t("lang.label")}{" "}
            <select value={lang} onChange={(e) => i18n.setLang((e.currentTarget.value as Lang) ?? "en")}>
              {LANGUAGES.map((l) => (
                <option value={l} key={l}>
                  {l === "en" ? "English" : "Français"}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <Nav parts={route.parts} caseId={caseId} />
      <main id="main" tabIndex={-1}>
        <Page parts={route.parts} query={route.query} />
      </main>
      <SignInDialog />
      <LiveAlerts />
    </I18nContext.Provider>
  );
}
