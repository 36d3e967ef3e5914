// The warning desk's whole loop in headless Chromium, against the real server with accounts, a real SMTP server on
// loopback (smtp-server, messages parsed with mailparser) and one injected desk clock: a stored engine alert; an
// analyst issues a warning from it on the desk page; the e-mail arrives in the recipient's language; the answer
// link opens in the browser and the recipient acknowledges; the ledger page shows the answer. A second warning,
// issued from scratch, is left unanswered: once the clock is moved past its due date the deadline watcher
// escalates it to the next role of the chain, and the desk shows the overdue request and its escalation. Run in
// English and in French (French dashboard, French e-mail template and answer page).
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ParsedMail } from "mailparser";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAnalysisInputs, startServer, type RunningServer } from "../../src/cli/serve.command.js";
import { deskKeyFrom, dispatchOnce, emailChannel, watchDeadlines } from "../../src/desk/index.js";
import { hashPassword } from "../../src/security/password-hash.js";
import { addContactPoint } from "../../src/storage/desk/index.js";
import { loadCase, openStore, readCase, saveAlerts, type Store } from "../../src/storage/index.js";
import { addUser } from "../../src/storage/accounts/index.js";
import { encryptingCodec, installFieldKey, installLogKey } from "../../src/storage/keys/index.js";
import { movableClock } from "../desk/desk-fixture.js";
import { syntheticBundle } from "../storage/fixtures.js";
import { startSmtpSink } from "../support/smtp-sink.js";
import { buildDashboard, ROOT } from "./secure-server.js";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`NOTICE: ${CHROMIUM} is absent — the desk loop browser test is skipped`);

const CASE_ID = "xvl-test";
const PASSWORD = "a long desk loop test password";
const ALERT_ID = "alert-xvl-training-2031-02-28-high";

/** The words the test looks for, per dashboard language (web/src/messages-desk.ts, web/src/i18n.ts). */
const UI = {
  en: {
    fromAlert: "From an alert",
    sender: "Sender",
    summary: "Summary",
    addAction: "Add an action",
    description: "What is asked",
    due: "Due date",
    issue: "Issue warning",
    issued: "Warning issued",
    answered: "answered",
    acknowledged: "acknowledged",
    escalatedTo: "Escalated to",
    subject: /Warning|warning/u,
  },
  fr: {
    fromAlert: "À partir d’une alerte",
    sender: "Émetteur",
    summary: "Résumé",
    addAction: "Ajouter une action",
    description: "Ce qui est demandé",
    due: "Échéance",
    issue: "Émettre l’avertissement",
    issued: "Avertissement émis",
    answered: "répondu",
    acknowledged: "accusé de réception",
    escalatedTo: "Remontée vers",
    subject: /Alerte/u,
  },
} as const;

/** A stored engine alert (as `tocsin replay` saves one): the playbook asks the mission on the ground to act. */
const alert = {
  date: "2031-02-28",
  situation: { id: "XVL/training", country: "XVL", group: "training", groupName: "Villagers" },
  level: "high",
  previousLevel: "elevated",
  score: 6,
  factors: [],
  evidence: [{ record: "inc-training", kind: "incident", indicators: [], citations: [] }],
  recommendedActions: [
    { kind: "seize-arms", description: "Seize the arms caches near the camp", dueAt: "2031-03-05" },
  ],
  dutyBearers: ["un-mission"],
  reasons: ["militia training observed"],
};

let browser: Browser;
let webRoot: string;
let webDir: string;

beforeAll(async () => {
  if (!hasChromium) return;
  webDir = await mkdtemp(join(tmpdir(), "tocsin-desk-web-"));
  webRoot = join(webDir, "web");
  await buildDashboard(webRoot);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-background-networking"],
  });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  if (webDir) await rm(webDir, { recursive: true, force: true });
});

interface Desk {
  readonly url: string;
  readonly store: Store;
  readonly mails: ParsedMail[];
  readonly smtpPort: number;
  readonly deskKey: Buffer;
  readonly time: ReturnType<typeof movableClock>;
  close(): Promise<void>;
}

/** A store with the synthetic case, an analyst, the mission's e-mail contact in `lang`, the alert; the server. */
async function deskServer(lang: "en" | "fr"): Promise<Desk> {
  const dir = await mkdtemp(join(tmpdir(), "tocsin-desk-loop-"));
  const db = join(dir, "t.db");
  const fieldKey = installFieldKey(db);
  const signer = installLogKey(db);
  const store = await openStore(db, { identityCodec: encryptingCodec(fieldKey) });
  await loadCase(store, syntheticBundle(), { loadedAt: "2031-01-01T00:00:00.000Z", actor: "test" });
  await addUser(store.db, {
    username: "eve",
    passwordHash: await hashPassword(PASSWORD),
    role: "analyst",
    actor: "test",
    at: new Date().toISOString(),
  });
  await addContactPoint(
    store,
    {
      caseId: CASE_ID,
      actorId: "un-mission",
      channel: "email",
      address: "mission@example.org",
      language: lang,
    },
    "2031-02-01T00:00:00Z",
  );
  await saveAlerts(store, CASE_ID, "run-browser", [
    {
      date: alert.date,
      situation: alert.situation.id,
      level: alert.level,
      previousLevel: alert.previousLevel,
      payload: alert,
    },
  ]);
  const smtp = await startSmtpSink();
  const time = movableClock("2031-03-01T09:00:00.000Z");
  const deskKey = deskKeyFrom(fieldKey);
  const io = { out: () => undefined, err: () => undefined, isTTY: false };
  const server: RunningServer = await startServer({
    store,
    port: 0,
    webRoot,
    io,
    analysis: await loadAnalysisInputs(ROOT, io),
    security: {
      mode: "public",
      fieldKey,
      verifier: { name: signer.name, publicKey: signer.publicKey },
      signer,
    },
    desk: { clock: time.clock, deskKey },
  });
  return {
    url: server.url,
    store,
    mails: smtp.mails,
    smtpPort: smtp.port,
    deskKey,
    time,
    close: async () => {
      await server.close();
      await smtp.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Deliver what is queued through the real SMTP server (the worker's dispatcher, one pass). */
async function deliver(d: Desk) {
  const email = emailChannel({ host: "127.0.0.1", port: d.smtpPort, from: "desk@tocsin.example" });
  try {
    return await dispatchOnce({
      store: d.store,
      clock: d.time.clock,
      deskKey: d.deskKey,
      baseUrl: d.url,
      channels: { email },
      owner: "browser-test",
    });
  } finally {
    await email.close?.();
  }
}

async function signIn(page: Page, url: string, lang: "en" | "fr"): Promise<void> {
  await page.goto(`${url}/#/sign-in`);
  await page.evaluate((l) => localStorage.setItem("tocsin.lang", l), "en");
  await page.getByLabel("User name").fill("eve");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // The user menu, as the other browser suites wait for it: "Signed in as" is also the sign-in page's own status
  // line until it navigates away, and two matches fail a strict locator.
  await page.locator(".user-menu .user-name").waitFor();
  await page.evaluate((l) => localStorage.setItem("tocsin.lang", l), lang);
}

describe.skipIf(!hasChromium).each(["en", "fr"] as const)("the desk loop in Chromium (%s)", (lang) => {
  let d: Desk;
  let page: Page;
  const ui = UI[lang];
  const errors: string[] = [];

  beforeAll(async () => {
    d = await deskServer(lang);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await ctx.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, d.url, lang);
  }, 120_000);
  afterAll(async () => {
    await page?.context().close();
    await d?.close();
  });

  it("issues from the alert, e-mails the link, records the answer and shows it in the ledger", async () => {
    await page.goto(`${d.url}/#/case/${CASE_ID}/desk`);
    await page.reload();
    await page.getByLabel(ui.fromAlert).selectOption(ALERT_ID);
    // Pre-filled from the playbook: its duty-bearer and its action with the due date.
    await expect
      .poll(() => page.locator('input[name="recipient"][value="un-mission"]').isChecked())
      .toBe(true);
    expect(await page.locator('input[name="action-0-description"]').inputValue()).toBe(
      "Seize the arms caches near the camp",
    );
    expect(await page.locator('input[name="action-0-due"]').inputValue()).toBe("2031-03-05");
    await page.getByRole("button", { name: ui.issue }).click();
    await page.getByText(ui.issued).waitFor();
    const row = page.locator("table.desk-open tr", { hasText: "Seize the arms caches near the camp" });
    await row.waitFor();

    expect(await deliver(d)).toMatchObject({ delivered: 1, dead: 0 });
    expect(d.mails).toHaveLength(1);
    const mail = d.mails[0]!;
    expect(mail.headers.get("content-language")).toBe(lang);
    expect(mail.subject).toMatch(ui.subject);
    const link = /(http:\/\/\S+?\/answer\/[A-Za-z0-9_-]{43})/u.exec(mail.text ?? "")?.[1];
    expect(link?.startsWith(`${d.url}/answer/`)).toBe(true);

    // The recipient opens the link (no account) and acknowledges.
    const answerPage = await (await browser.newContext()).newPage();
    await answerPage.goto(link!);
    expect(await answerPage.locator("html").getAttribute("lang")).toBe(lang);
    await answerPage.locator('input[name="answer"][value="acknowledge"]').check();
    await answerPage.locator('textarea[name="text"]').fill("Received; a patrol is being prepared");
    await Promise.all([answerPage.waitForNavigation(), answerPage.locator('button[type="submit"]').click()]);
    expect(await answerPage.locator("h1").textContent()).toBeTruthy();
    await answerPage.context().close();
    const stored = (await readCase(d.store, CASE_ID))!.records.response.filter(
      (r) => r.actor === "un-mission",
    );
    expect(stored.some((r) => r.kind === "acknowledgement" && r.summary.includes("patrol"))).toBe(true);

    // The desk shows the answer; the ledger shows the request acknowledged.
    await page.reload();
    await expect
      .poll(() => page.locator('table.desk-live tr[data-actor="un-mission"]').textContent())
      .toMatch(/1\s*1\s*0/u);
    await page.goto(`${d.url}/#/case/${CASE_ID}/ledger`);
    const ledgerRow = page.locator("table.ledger tr", { hasText: "Seize the arms caches near the camp" });
    await expect.poll(() => ledgerRow.first().textContent()).toContain(ui.acknowledged);
  }, 120_000);

  it("escalates a silent recipient once the clock passes the due date", async () => {
    await page.goto(`${d.url}/#/case/${CASE_ID}/desk`);
    await page.reload();
    await page.getByLabel(ui.sender).selectOption("un-hq");
    await page.locator('input[name="recipient"][value="un-mission"]').check();
    await page.getByLabel(ui.summary).fill("Weapons are moving towards the market towns");
    await page.getByRole("button", { name: ui.addAction }).click();
    await page.locator('input[name="action-0-description"]').fill("Patrol the market roads");
    await page.locator('input[name="action-0-due"]').fill("2031-03-04");
    await page.getByRole("button", { name: ui.issue }).click();
    await page.getByText(ui.issued).waitFor();
    expect(await deliver(d)).toMatchObject({ delivered: 1 });
    expect(d.mails).toHaveLength(2);

    // Nobody answers: two days past the due date the watcher escalates to the next role of the chain, once.
    d.time.set("2031-03-06T10:00:00.000Z");
    const deps = { store: d.store, clock: d.time.clock, deskKey: d.deskKey, actor: "desk-watcher" };
    const first = await watchDeadlines(deps);
    expect(first.escalations).toHaveLength(1);
    expect((await watchDeadlines(deps)).escalations).toHaveLength(0);
    const esc = (await readCase(d.store, CASE_ID))!.records.warning.find(
      (w) => w.id === first.escalations[0],
    );
    expect(esc?.recipients).toEqual(["un-hq"]);

    await page.reload();
    const overdue = page.locator("table.desk-overdue tr", { hasText: "Patrol the market roads" });
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain(first.escalations[0]);
    expect(await page.locator("table.desk-overdue thead").textContent()).toContain(ui.escalatedTo);
    const silent = page.locator('table.desk-open tr[data-warning] li[data-recipient="un-mission"]', {
      hasText: ui.answered === "answered" ? "silent" : "silence",
    });
    expect(await silent.count()).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  }, 120_000);

  it("keeps the desk usable from 360 to 1920 px: no horizontal overflow of the page", async () => {
    for (const width of [360, 768, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${d.url}/#/case/${CASE_ID}/desk`);
      await page.locator("table.desk-live").waitFor();
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0)
        console.log(
          "OVERFLOW",
          await page.evaluate(() =>
            Array.from(document.querySelectorAll("main *"))
              .filter(
                (e) =>
                  !e.closest(".table-wrap") &&
                  e.getBoundingClientRect().right > document.documentElement.clientWidth,
              )
              .slice(0, 8)
              .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`),
          ),
        );
      expect({ width, overflow }).toEqual({ width, overflow: 0 });
    }
    await page.screenshot({ path: join(tmpdir(), `tocsin-desk-${lang}-1920.png`), fullPage: true });
    await page.setViewportSize({ width: 360, height: 900 });
    await page.screenshot({ path: join(tmpdir(), `tocsin-desk-${lang}-360.png`), fullPage: true });
  }, 60_000);
});
