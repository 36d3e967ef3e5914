// The dashboard in headless Chromium (playwright-core + Debian's /usr/bin/chromium) against the real server
// on a temp SQLite store with the Rwanda case: overview, timeline, the January 1994 warning and its one-day
// refusal, French, keyboard, widths 360–1920 px, and no console error. Screenshots go to test-artifacts/.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAnalysisInputs, startServer, type RunningServer } from "../../src/cli/serve.command.js";
import type { CaseBundle } from "../../src/domain/index.js";
import { importFile } from "../../src/importers/index.js";
import { saveForecastRun } from "../../src/storage/index.js";
import { harness, rwandaBundle, type Harness } from "../http/http-fixture.js";
import { editedAcledSample } from "../importers/acled-edit.js";
import { clock, SAMPLES } from "../importers/helpers.js";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = join(import.meta.dirname, "..", "..");
const ARTIFACTS = join(ROOT, "test-artifacts");
const CASE = "rwanda-1990-1994";
const hasChromium = existsSync(CHROMIUM);
/** The data hash of the stored forecast run: the page shows its first 12 hex digits, all 64 in a title. */
const DATA_SHA = "0123456789abcdef".repeat(4);
if (!hasChromium)
  console.warn(`NOTICE: ${CHROMIUM} is absent — browser tests are skipped (apt-get install chromium)`);

/** Markup and script in a warning's summary: it must show as text and never run. */
const HOSTILE = `<img src=x onerror="window.__pwned=1"></script><script>window.__pwned=2</script>[x](javascript:window.__pwned=3)`;

function withHostileText(bundle: CaseBundle): CaseBundle {
  const warning = bundle.records.warning.map((w) =>
    w.id === "warn-1994-04-11-le-soir" ? { ...w, summary: `${w.summary} ${HOSTILE}` } : w,
  );
  return { ...bundle, records: { ...bundle.records, warning } };
}

let h: Harness;
let server: RunningServer;
let context: BrowserContext;
let profile: string;
let webRoot: string;
const consoleErrors: string[] = [];

/** Build the dashboard into a temp folder (tests never write into the tree, except screenshots). */
async function buildDashboard(outDir: string): Promise<void> {
  const { build } = await import("vite");
  await build({
    configFile: join(ROOT, "web", "vite.config.ts"),
    logLevel: "warn",
    build: { outDir, emptyOutDir: true },
  });
}

async function open(page: Page, hash: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.waitForLoadState("networkidle");
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

describe.skipIf(!hasChromium)("dashboard in Chromium", () => {
  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    webRoot = await mkdtemp(join(tmpdir(), "tocsin-webdist-"));
    profile = await mkdtemp(join(tmpdir(), "tocsin-chromium-"));
    await buildDashboard(webRoot);
    h = await harness(withHostileText(await rwandaBundle()));
    // A small forecast run in the shape `tocsin forecast` stores, so the country-risk page has data.
    await saveForecastRun(h.store, {
      id: "forecast-test",
      kind: "forecast",
      dataSha256: DATA_SHA,
      model: "elastic-net",
      modelVersion: "1",
      params: {},
      payload: {
        baseYear: 2015,
        horizon: 2,
        previousBaseYear: 2014,
        forecasts: [
          {
            ccode: 490,
            country: "Democratic Republic of Congo",
            p: 0.21,
            rank: 1,
            change: 0.06,
            previousP: 0.15,
            previousRank: 2,
            drivers: [{ predictor: "mk_ongoing", contribution: 1.2 }],
          },
          {
            ccode: 775,
            country: "Burma/Myanmar",
            p: 0.15,
            rank: 2,
            change: -0.02,
            previousP: 0.17,
            previousRank: 1,
            drivers: [{ predictor: "minorityrule", contribution: 0.8 }],
          },
          {
            ccode: 517,
            country: "Rwanda",
            p: 0.04,
            rank: 3,
            change: null,
            previousP: null,
            previousRank: null,
            drivers: [],
          },
        ],
        movers: [
          {
            ccode: 490,
            country: "Democratic Republic of Congo",
            p: 0.21,
            rank: 1,
            change: 0.06,
            previousP: 0.15,
            previousRank: 2,
          },
          {
            ccode: 775,
            country: "Burma/Myanmar",
            p: 0.15,
            rank: 2,
            change: -0.02,
            previousP: 0.17,
            previousRank: 1,
          },
        ],
      },
      createdAt: "2026-01-01T00:00:00Z",
    });
    // Imported ACLED events, one of them corrected once by the provider (1 → 2 fatalities).
    await importFile(h.store, { format: "acled", file: SAMPLES.acledMixed, clock });
    await importFile(h.store, { format: "acled", file: editedAcledSample("BRASYNTH2", "2", 100), clock });
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
        "--no-first-run",
      ],
      viewport: { width: 1280, height: 900 },
    });
    context.on("page", (p) => {
      p.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(`${p.url()}: ${m.text()}`);
      });
      p.on("pageerror", (e) => consoleErrors.push(`${p.url()}: ${e.message}`));
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await h?.close();
    await rm(profile, { recursive: true, force: true });
    await rm(webRoot, { recursive: true, force: true });
  });

  it("opens the overview with the case", async () => {
    const page = await context.newPage();
    await open(page, "#/");
    await expect.poll(() => page.locator("h1").first().textContent()).toBe("Situations by level");
    await page.getByRole("link", { name: /Rwanda 1990–1994/ }).waitFor();
    await shot(page, "overview-1280");
    await page.close();
  });

  it("opens the Rwanda timeline with its swimlanes", async () => {
    const page = await context.newPage();
    await open(page, `#/case/${CASE}/timeline`);
    await page.locator("figure.chart svg").first().waitFor();
    const lanes = await page.locator("fieldset.lanes input[type=checkbox]").count();
    expect(lanes).toBe(7);
    expect(await page.locator("table.items tbody tr").count()).toBeGreaterThan(20);
    await shot(page, "timeline-1280");
    // Filter by lane: only warnings.
    for (const lane of [
      "Incidents",
      "Reports",
      "Responses",
      "Mandates & capabilities",
      "Statements",
      "Tribunal",
    ]) {
      await page.getByRole("checkbox", { name: lane }).uncheck();
    }
    await expect.poll(() => page.url()).toContain("lanes=warnings");
    await expect.poll(() => page.locator("table.items tbody tr").count()).toBe(3);
    await page.close();
  });

  it("follows the January 1994 warning to its one-day refusal", async () => {
    const page = await context.newPage();
    await open(page, `#/case/${CASE}/timeline?from=1994-01-01&to=1994-01-31&lanes=warnings,responses`);
    await page.getByRole("link", { name: /force commander cables/ }).click();
    await page.waitForURL(/#\/record\/warning\/warn-1994-01-11-cable/);
    await page.locator(".warning-status").waitFor();
    await expect.poll(() => page.locator(".warning-status .badge-refused").count()).toBeGreaterThan(0);
    const status = await page.locator(".warning-status").textContent();
    expect(status).toContain("Days to first response: 1");
    expect(status).toContain("resp-1994-01-12-dpko-refusal");
    await shot(page, "warning-1994-01-11");
    await page.getByRole("link", { name: "resp-1994-01-12-dpko-refusal" }).click();
    await page.waitForURL(/#\/record\/response\/resp-1994-01-12-dpko-refusal/);
    await expect.poll(() => page.locator("dl.fields").textContent()).toContain("1994-01-12");
    // Field names are labelled for people, not shown as the data's camelCase keys.
    const terms = await page.locator("dl.fields dt").allTextContents();
    expect(terms.length).toBeGreaterThan(2);
    for (const term of terms) expect(term).not.toMatch(/[a-z][A-Z]/u);
    await page.close();
  });

  it("shows the ledger with the refused request", async () => {
    const page = await context.newPage();
    await open(page, `#/case/${CASE}/ledger`);
    await page.locator("table.ledger").waitFor();
    expect(await page.locator("table.ledger .badge-refused").count()).toBeGreaterThan(0);
    await shot(page, "ledger-1280");
    await page.close();
  });

  it("shows alerts with level, reasons and cited evidence; naming; accountability; country risk", async () => {
    const page = await context.newPage();
    await open(page, `#/case/${CASE}/alerts`);
    await page.locator(".alert-card").first().waitFor({ timeout: 60_000 });
    const first = page.locator(".alert-card").first();
    expect(await first.locator(".badge").count()).toBeGreaterThan(0);
    expect(await first.locator("ul").first().locator("li").count()).toBeGreaterThan(0);
    expect(await first.getByRole("link").count()).toBeGreaterThan(0);
    await shot(page, "alerts");
    await open(page, `#/case/${CASE}/naming`);
    await page.locator("figure.chart svg").first().waitFor();
    await shot(page, "naming");
    await open(page, `#/case/${CASE}/accountability`);
    await page.locator("main h2").first().waitFor();
    await shot(page, "accountability");
    await open(page, "#/forecasts");
    await page.locator("svg.world-map").waitFor();
    expect(await page.locator("main table tbody tr").count()).toBe(3);
    // The three countries are coloured on the map (names matched through the atlas aliases).
    const coloured = await page
      .locator("svg.world-map path[fill]:not([fill='#e5e7eb']):not([fill='#eef2f7'])")
      .count();
    expect(coloured).toBe(3);
    // The change since the previous base year (percentage points), the big movers and the data hash.
    const cells = (row: number) => page.locator("main table tbody tr").nth(row).locator("td");
    await expect.poll(() => cells(0).nth(3).textContent()).toBe("+6.0");
    expect(await cells(1).nth(3).textContent()).toBe("−2.0");
    expect(await cells(2).nth(3).textContent()).toBe("—");
    await expect
      .poll(() => page.locator("section.movers li").allTextContents())
      .toEqual([
        "Democratic Republic of Congo +6.0 (15.0% → 21.0%, rank 2 → 1)",
        "Burma/Myanmar −2.0 (17.0% → 15.0%, rank 1 → 2)",
      ]);
    expect(await page.locator("section.movers h2").textContent()).toBe("Big movers since base year 2014");
    const hash = page.locator("p.run-header code.data-hash");
    expect(await hash.textContent()).toBe(DATA_SHA.slice(0, 12));
    expect(await hash.getAttribute("title")).toBe(`SHA-256 of the data file: ${DATA_SHA}`);
    expect(await page.locator("p.run-header").textContent()).toContain("elastic-net 1");
    await shot(page, "forecasts");
    await page.close();
  });

  it("shows an imported record's earlier version and what differed", async () => {
    const page = await context.newPage();
    await open(page, "#/record/incident/acled.brasynth2?case=import-acled");
    const versions = page.locator("section.record-versions");
    await versions.waitFor();
    await expect(versions.locator("h2").textContent()).resolves.toBe("Earlier versions");
    const rows = versions.locator("tbody tr");
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? "";
    expect(row).toContain("a newer row");
    // What differed from the current record: the old fatality count and the citation (another file); the dates
    // are the same and are not listed.
    expect(row).toMatch(/Fatalities.*1/);
    expect(row).not.toMatch(/Occurred/);
    await shot(page, "record-versions");
    await page.close();
  });

  it("switches to French and keeps it", async () => {
    const page = await context.newPage();
    await open(page, "#/");
    await page.getByLabel("Language").selectOption("fr");
    await expect.poll(() => page.locator("h1").first().textContent()).toBe("Situations par niveau");
    // The lang attribute is set in an effect after the render: poll it rather than read it once.
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("fr");
    await open(page, `#/case/${CASE}/ledger`);
    await expect.poll(() => page.locator("h1").first().textContent()).toBe("Registre des alertes");
    await shot(page, "ledger-fr");
    await open(page, "#/forecasts");
    await expect
      .poll(() => page.locator("section.movers h2").textContent())
      .toBe("Plus fortes variations depuis l’année de base 2014");
    expect(await page.locator("main table thead th").allTextContents()).toContain("Variation (points)");
    await page.getByLabel("Langue").selectOption("en");
    await page.close();
  });

  it("is keyboard-usable: the skip link and the navigation are reachable with Tab", async () => {
    const page = await context.newPage();
    await open(page, `#/case/${CASE}/timeline`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    const focusable: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      focusable.push(
        await page.evaluate(
          () => `${document.activeElement?.tagName}:${document.activeElement?.textContent?.trim() ?? ""}`,
        ),
      );
    }
    expect(focusable.some((f) => f.startsWith("SELECT"))).toBe(true);
    expect(focusable.some((f) => f === "A:Warning ledger")).toBe(true);
    await page.close();
  });

  it("shows hostile markup in a record as text and runs none of it", async () => {
    const page = await context.newPage();
    await open(page, `#/record/warning/warn-1994-04-11-le-soir?case=${CASE}`);
    await page.locator("main h1").first().waitFor();
    expect(await page.locator("main h1").first().textContent()).toContain(HOSTILE);
    await open(page, `#/case/${CASE}/timeline?q=${encodeURIComponent("<script>window.__pwned=4</script>")}`);
    await page.locator("main h1").first().waitFor();
    await open(page, `#/case/${CASE}/timeline?lanes=warnings`);
    await page.locator("table.items").waitFor();
    expect(await page.locator("table.items").textContent()).toContain("</script><script>");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator("main img, main script").count()).toBe(0);
    await page.close();
  });

  for (const width of [360, 768, 1920]) {
    it(`has no horizontal overflow at ${width} px`, async () => {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      for (const hash of [
        "#/",
        `#/case/${CASE}/timeline`,
        `#/case/${CASE}/ledger`,
        "#/record/warning/warn-1994-01-11-cable?case=" + CASE,
      ]) {
        await open(page, hash);
        await page.locator("main h1").first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${hash} at ${width}px`).toBeLessThanOrEqual(0);
      }
      await shot(page, `timeline-${width}`);
      await page.close();
    });
  }

  it("logged no console error on any page", () => {
    expect(consoleErrors).toEqual([]);
  });
});
