// A live alert in the open dashboard, in headless Chromium against the real server `tocsin serve` builds (its
// live assessor on): an analyst signed in keeps a page open; records written through the API — a case, a State,
// a group, a B2 source and three incidents of organised killing of the group with State involvement — raise the
// group's level, and the alert appears in the page's live region without a reload, in English and in French;
// after a reload the case's alerts page lists it from GET /api/cases/{id}/alerts, marked as a live alert.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, USERS, secureServer, type SecureServer } from "./secure-server.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`NOTICE: ${CHROMIUM} is absent — the live alert browser test is skipped`);

/** A day `n` days before today: the server assesses as of its clock. */
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let srv: SecureServer;
let browser: Browser;

/** Write the records of a small live situation into a new case, from the page (with its session). */
async function writeSituation(page: Page, caseId: string): Promise<number[]> {
  const cite = [{ source: `src-${caseId}`, locator: "p. 1" }];
  const writes: [string, Record<string, unknown>][] = [
    [
      "/api/cases",
      { id: caseId, name: `Live ${caseId}`, countries: ["XAA"], period: { start: daysAgo(400), end: null } },
    ],
    [
      `/api/cases/${caseId}/records/sources`,
      {
        id: `src-${caseId}`,
        kind: "report",
        title: "Monitoring report",
        reliability: "B",
        credibility: 2,
        occurredAt: daysAgo(30),
        citations: cite,
      },
    ],
    [
      `/api/cases/${caseId}/records/actors`,
      { id: "act-state", kind: "state", name: "State", occurredAt: daysAgo(300), citations: cite },
    ],
    [
      `/api/cases/${caseId}/records/groups`,
      {
        id: "grp-live",
        name: "The group",
        kind: "ethnical",
        countries: ["XAA"],
        occurredAt: daysAgo(300),
        citations: cite,
      },
    ],
    ...[1, 2, 3].map(
      (n) =>
        [
          `/api/cases/${caseId}/records/incidents`,
          {
            id: `inc-${n}`,
            summary: `Soldiers kill members of the group in village ${n}.`,
            acts: ["massacre"],
            place: { country: "XAA" },
            perpetrators: ["act-state"],
            targetGroup: "grp-live",
            organised: "documented",
            stateInvolvement: "confirmed",
            occurredAt: daysAgo(10 - n),
            citations: cite,
          },
        ] as [string, Record<string, unknown>],
    ),
  ];
  return page.evaluate(async (list) => {
    const out: number[] = [];
    for (const [url, body] of list) {
      const r = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        credentials: "same-origin",
      });
      out.push(r.status);
    }
    return out;
  }, writes);
}

describe.skipIf(!hasChromium)("a live alert in the open dashboard", () => {
  beforeAll(async () => {
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

  for (const [lang, label, caseId, heading, origin] of [
    ["en", "New alert:", "live-en", "Live alerts", "Live alert"],
    ["fr", "Nouvelle alerte :", "live-fr", "Alertes en direct", "Alerte en direct"],
  ] as const) {
    it(`appears without a reload, and is listed after one (${lang})`, async () => {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
      await page.goto(`${srv.url}/#/sign-in`);
      await page.waitForLoadState("networkidle");
      const main = page.locator("main");
      await main.getByLabel("User name").fill(USERS.analyst);
      await main.getByLabel("Password").fill(PASSWORD);
      await main.getByRole("button", { name: "Sign in" }).click();
      await page.locator(".user-menu .user-name").waitFor();
      await page.locator(".lang select").selectOption(lang);
      // The page is loaded once: everything below happens without navigation.
      let navigations = 0;
      page.on("framenavigated", (f) => {
        if (f === page.mainFrame()) navigations += 1;
      });
      // Give the event stream a moment to open after sign-in.
      await page.waitForFunction(
        () => performance.getEntriesByName(`${location.origin}/api/events`).length > 0,
        undefined,
        {
          timeout: 10_000,
        },
      );
      const statuses = await writeSituation(page, caseId);
      expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201]);
      const alert = page
        .locator(".live-alerts .live-alert", { hasText: label })
        .filter({ hasText: caseId })
        .last();
      await alert.waitFor({ timeout: 10_000 });
      expect(await page.locator(".live-alerts").getAttribute("aria-live")).toBe("polite");
      expect(await alert.textContent()).toContain("The group");
      await expect
        .poll(async () => page.locator(`.live-alerts a[href$="/case/${caseId}/alerts"]`).count())
        .toBeGreaterThan(0);
      expect(navigations).toBe(0);

      // After a reload the alert is no longer pushed: the case's alerts page lists it from the API, marked live
      // with its run, time and criterion.
      await page.goto(`${srv.url}/#/case/${caseId}/alerts`);
      await page.reload();
      await page.waitForLoadState("networkidle");
      const list = page.locator(".live-alert-list");
      await list.waitFor({ timeout: 10_000 });
      expect(await list.locator("h2").first().textContent()).toBe(heading);
      const card = list.locator(".alert-card", { hasText: "The group" }).first();
      await card.waitFor();
      const marker = (await card.locator(".live-marker").textContent()) ?? "";
      expect(marker).toContain(origin);
      expect(marker).toContain("live");
      expect(marker).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/u);
      const api = (await page.evaluate(
        async (id) => (await fetch(`/api/cases/${id}/alerts`)).json(),
        caseId,
      )) as {
        liveAlerts: { criterion: { text: string } | null; alert: { situation: { groupName?: string } } }[];
      };
      const stored = api.liveAlerts.find((a) => a.alert.situation.groupName === "The group");
      expect(stored).toBeDefined();
      expect(stored?.criterion?.text).toBeTruthy();
      expect(marker).toContain(stored?.criterion?.text);
      await page.context().close();
    }, 120_000);
  }
});
