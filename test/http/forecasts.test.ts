// GET /api/forecasts lists runs without params or payloads; GET /api/forecasts/{id} serves the stored forecast
// payload (changes since the previous base year, big movers) without params; both match their declared schemas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecastPayload } from "../../src/cli/forecast-run.js";
import { ForecastRunListSchema, ForecastRunSchema } from "../../src/contracts/api/forecast.schema.js";
import { parseEwpText } from "../../src/datasets/ewp/ewp.reader.js";
import { boostedTreesModel } from "../../src/forecast/models/boosted-trees.model.js";
import { runForecast } from "../../src/forecast/runs/forecast.js";
import { saveForecastRun } from "../../src/storage/index.js";
import { syntheticEwpCsv } from "../forecast/synthetic-ewp.js";
import { getJson, harness, rwandaBundle, type Harness } from "./http-fixture.js";

let h: Harness;
let payload: ReturnType<typeof forecastPayload>;
beforeAll(async () => {
  h = await harness(await rwandaBundle());
  const parsed = parseEwpText(syntheticEwpCsv({ countries: 30, from: 1988, to: 2015 }));
  if (!parsed.ok) throw new Error("synthetic file invalid");
  const result = runForecast(parsed.table, boostedTreesModel, { baseYear: 2015, horizon: 2 });
  payload = forecastPayload(result);
  await saveForecastRun(h.store, {
    id: "forecast-2015",
    kind: "forecast",
    dataSha256: "ab".repeat(32),
    model: result.model,
    modelVersion: result.modelVersion,
    params: result.params,
    payload,
    createdAt: "2026-01-02T00:00:00Z",
  });
}, 60_000);
afterAll(async () => h?.close());

describe("forecast routes", () => {
  it("list runs without params or payload, in the declared shape", async () => {
    const r = await getJson(h.app, "/api/forecasts");
    expect(r.status).toBe(200);
    expect(ForecastRunListSchema.safeParse(r.body).success).toBe(true);
    expect(r.body.items).toEqual([
      {
        id: "forecast-2015",
        kind: "forecast",
        dataSha256: "ab".repeat(32),
        model: "gbt",
        modelVersion: boostedTreesModel.version,
        createdAt: "2026-01-02T00:00:00Z",
      },
    ]);
  });

  it("serve one run with changes and big movers, without params", async () => {
    const r = await getJson(h.app, "/api/forecasts/forecast-2015");
    expect(r.status).toBe(200);
    expect(ForecastRunSchema.safeParse(r.body).success).toBe(true);
    expect(Object.keys(r.body).sort()).toEqual(
      ["createdAt", "dataSha256", "id", "kind", "model", "modelVersion", "payload"].sort(),
    );
    const served = r.body.payload as typeof payload;
    expect(served).toEqual(JSON.parse(JSON.stringify(payload)));
    expect(served.previousBaseYear).toBe(2014);
    expect(served.movers).toHaveLength(10);
    const first = served.forecasts[0]!;
    expect(first.change).toBeCloseTo(first.p - first.previousP!, 15);
    expect(Number.isInteger(first.previousRank)).toBe(true);
  });

  it("document both in the OpenAPI schema, the list without params", async () => {
    const doc = (await getJson(h.app, "/api/openapi.json")).body as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const summary = doc.components.schemas.ForecastRunSummary!;
    expect(Object.keys(summary.properties ?? {})).not.toContain("params");
    expect(Object.keys(doc.components.schemas.ForecastRun?.properties ?? {})).toContain("payload");
    expect(Object.keys(doc.components.schemas.CountryForecast?.properties ?? {})).toEqual(
      expect.arrayContaining(["change", "previousP", "previousRank", "drivers"]),
    );
  });
});
