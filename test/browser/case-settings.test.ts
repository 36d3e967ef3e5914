// The case settings switch in the dashboard's case view, in headless Chromium against the real server with
// accounts: an analyst (the route needs records:write) turns autoIssueWarnings on with the keyboard, and a reload
// shows it on (the store says so too); its labels are French in French; a viewer sees no switch; the case view
// keeps its layout from 360 to 1920 px with the panel shown.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseSettingsOf } from "../../src/storage/writes/index.js";
import { PASSWORD, ROOT, USERS, secureServer, type SecureServer } from "./secure-server.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = join(ROOT, "test-artifacts");
const CASE = "rwanda-1990-1994";
const LABEL = "Issue live alerts as warnings at once";
const LABEL_FR = "Émettre aussitôt les alertes en direct comme avertissements";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`NOTICE: ${CHROMIUM} is absent — the case settings browser test is skipped`);

let srv: SecureServer;
let browser: Browser;
const consoleErrors: string[] = [];

/** A new page signed in as `user` (analyst or viewer: no second factor), at width × 900. */
async function signedIn(user: string, width = 1280): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/u.test(m.text())) consoleErrors.push(m.text());
  });
  page.on("pageerror", (e) => consoleErrors.push(e.message));
  await page.goto(`${srv.url}/#/sign-in`);
  await page.waitForLoadState("networkidle");
  const main = page.locator("main");
  await main.getByLabel("User name").fill(user);
  await main.getByLabel("Password").fill(PASSWORD);
  await main.getByRole("button", { name: "Sign in" }).click();
  await page.locator(".user-menu .user-name").waitFor();
  return page;
}

/** Open the case view and wait until its heading and its data have loaded. */
async function openCase(page: Page): Promise<void> {
  await page.goto(`${srv.url}/#/case/${CASE}`);
  await page.waitForLoadState("networkidle");
  await page.locator("main h1").first().waitFor();
}

describe.skipIf(!hasChromium)("the case settings switch", () => {
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    srv = await secureServer("public");
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-background-networking"],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await srv?.close();
  });

  it("an analyst turns autoIssueWarnings on with the keyboard; a reload shows it on", async () => {
    const page = await signedIn(USERS.analyst);
    await openCase(page);
    const toggle = page.getByRole("switch", { name: LABEL });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    // Its hint says what it does (aria-describedby).
    expect(await toggle.getAttribute("aria-describedby")).toBe("setting-autoIssueWarnings-hint");
    await toggle.focus();
    await page.keyboard.press("Space");
    await page.locator(".case-settings [role=status]", { hasText: "Saved." }).waitFor();
    expect(await toggle.isChecked()).toBe(true);
    expect((await caseSettingsOf(srv.store.db, CASE)).autoIssueWarnings).toBe(true);

    await page.reload();
    await page.waitForLoadState("networkidle");
    const again = page.getByRole("switch", { name: LABEL });
    await again.waitFor();
    expect(await again.isChecked()).toBe(true);

    // In French, the same switch under its French label.
    await page.locator(".lang select").selectOption("fr");
    const fr = page.getByRole("switch", { name: LABEL_FR });
    await fr.waitFor();
    expect(await fr.isChecked()).toBe(true);
    expect(await page.locator(".case-settings legend").textContent()).toBe("Paramètres du dossier");
    // Off again with the keyboard; the store follows.
    await fr.focus();
    await page.keyboard.press("Space");
    await page.locator(".case-settings [role=status]", { hasText: "Enregistré." }).waitFor();
    expect((await caseSettingsOf(srv.store.db, CASE)).autoIssueWarnings).toBe(false);
    await page.context().close();
  }, 120_000);

  it("a viewer sees no switch", async () => {
    const page = await signedIn(USERS.viewer);
    await openCase(page);
    // The case view has loaded (its timeline figure or its list), and still no settings panel.
    await page.locator("main .filters").waitFor();
    expect(await page.locator(".case-settings").count()).toBe(0);
    expect(await page.getByRole("switch").count()).toBe(0);
    await page.context().close();
  }, 60_000);

  for (const width of [360, 768, 1920]) {
    it(`keeps the case view within the page at ${width} px with the panel shown (en and fr)`, async () => {
      const page = await signedIn(USERS.analyst, width);
      await openCase(page);
      for (const lang of ["en", "fr"] as const) {
        await page.locator(".lang select").selectOption(lang);
        const panel = page.locator(".case-settings");
        await panel.waitFor();
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow, `${lang} at ${width}px`).toBeLessThanOrEqual(0);
        const box = await panel.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width, `${lang} panel at ${width}px`).toBe(true);
      }
      await page.screenshot({ path: join(ARTIFACTS, `case-settings-${width}.png`) });
      await page.context().close();
    }, 60_000);
  }

  it("logged no console error", () => {
    expect(consoleErrors).toEqual([]);
  });
});
