// Names, not ids: the warning ledger (warnings, requests, escalations, duty-bearers and gap tables), the alerts and
// accountability pages show each actor's name, in English and in French; only the record page shows its id. Runs
// the real server on the Rwanda case with the dashboard built into a temp folder, in headless Chromium.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAnalysisInputs, startServer, type RunningServer } from "../../src/cli/serve.command.js";
import type { Actor } from "../../src/domain/index.js";
import { harness, rwandaBundle, type Harness } from "../http/http-fixture.js";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = join(import.meta.dirname, "..", "..");
const CASE = "rwanda-1990-1994";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `NOTICE: ${CHROMIUM} is absent — the actor-names browser test is skipped (apt-get install chromium)`,
  );

/** The ids of `actors` that occur in `text` as whole tokens (not inside a longer word or id). */
export function rawIdsIn(text: string, actors: readonly Actor[]): string[] {
  return actors
    .filter((a) => {
      const id = a.id.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
      return new RegExp(`(?<![\\p{L}\\p{N}_-])${id}(?![\\p{L}\\p{N}_-])`, "u").test(text);
    })
    .map((a) => a.id);
}

let h: Harness;
let server: RunningServer;
let context: BrowserContext;
let profile: string;
let webRoot: string;
let actors: readonly Actor[];

async function open(page: Page, hash: string): Promise<void> {
  // The first analysis replays the case: generous limits for a loaded machine.
  await page.goto(`${server.url}/${hash}`, { timeout: 120_000 });
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
}

/** The main region's text once `ready` is on the page. */
async function mainText(page: Page, hash: string, ready: string): Promise<string> {
  await open(page, hash);
  await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle", { timeout: 120_000 });
  return page.locator("main").innerText();
}

describe.skipIf(!hasChromium)("actor names in the dashboard", () => {
  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), "tocsin-webdist-"));
    profile = await mkdtemp(join(tmpdir(), "tocsin-chromium-"));
    const { build } = await import("vite");
    await build({
      configFile: join(ROOT, "web", "vite.config.ts"),
      logLevel: "warn",
      build: { outDir: webRoot, emptyOutDir: true },
    });
    const bundle = await rwandaBundle();
    actors = bundle.records.actor;
    h = await harness(bundle);
    const io = { out: () => undefined, err: () => undefined, isTTY: false };
    server = await startServer({
      store: h.store,
      port: 0,
      webRoot,
      io,
      analysis: await loadAnalysisInputs(ROOT, io),
    });
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
      ],
      viewport: { width: 1280, height: 900 },
    });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await h?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
    if (webRoot) await rm(webRoot, { recursive: true, force: true });
  });

  for (const lang of ["en", "fr"] as const) {
    it(`the ledger names its actors and shows no raw actor id (${lang})`, { timeout: 180_000 }, async () => {
      const page = await context.newPage();
      await page.addInitScript((l) => localStorage.setItem("tocsin.lang", l), lang);
      const text = await mainText(page, `#/case/${CASE}/ledger`, "table.ledger tbody tr");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      // The case's own prose (a warning's summary, a request's words) may use a word that is also an id
      // ("training of militias"): it is taken out before looking for ids; every other text must have none.
      const prose = await page.evaluate(async (c) => {
        const l = (await (await fetch(`/api/cases/${c}/ledger`)).json()) as {
          warnings: { summary?: string; requests: { description?: string }[] }[];
        };
        return l.warnings.flatMap((w) => [w.summary ?? "", ...w.requests.map((r) => r.description ?? "")]);
      }, CASE);
      expect(prose.length).toBeGreaterThan(3);
      const rest = prose.filter((p) => p !== "").reduce((t, p) => t.split(p).join(" "), text);
      expect(rawIdsIn(rest, actors)).toEqual([]);
      // The check itself finds what the issue saw in the ledger before names were shown.
      expect(rawIdsIn("un-human-rights-commission, fra, usa", actors).sort()).toEqual([
        "fra",
        "un-human-rights-commission",
        "usa",
      ]);
      // The names are there instead: every sender of a warning in the ledger, by name.
      const byId = new Map(actors.map((a) => [a.id, a.name]));
      const senders = await page.locator("table.ledger tbody tr td:nth-child(3)").allInnerTexts();
      const shown = senders.filter((s) => s.trim() !== "");
      expect(shown.length).toBeGreaterThan(3);
      const engine = lang === "en" ? "Tocsin early-warning engine" : "Moteur d’alerte précoce Tocsin";
      for (const s of shown) expect([...byId.values(), engine]).toContain(s.trim());
      expect(shown).toContain(engine);
      await page.close();
    });
  }

  it(
    "alerts and accountability show names; the record page shows the actor's id",
    { timeout: 180_000 },
    async () => {
      const page = await context.newPage();
      const alerts = await mainText(page, `#/case/${CASE}/alerts`, ".alert-card");
      expect(rawIdsIn(alerts, actors)).toEqual([]);
      const acc = await mainText(page, `#/case/${CASE}/accountability`, "main h2");
      expect(rawIdsIn(acc, actors)).toEqual([]);
      const actor = actors.find((a) => a.dutyBearer) ?? actors[0]!;
      const record = await mainText(page, `#/record/actor/${actor.id}?case=${CASE}`, "dl.fields");
      expect(record).toContain(actor.id);
      expect(record).toContain(actor.name);
      await page.close();
    },
  );
});
