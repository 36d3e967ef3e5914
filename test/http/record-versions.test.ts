// An imported record's earlier versions through GET /api/records/{kind}/{id}: a corrected ACLED row replaces
// the stored record, and the answer shows the replaced version (oldest first) beside the current one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordDetailSchema } from "../../src/contracts/api/view.schema.js";
import type { Incident } from "../../src/domain/index.js";
import { importFile } from "../../src/importers/index.js";
import { editedAcledSample as edited } from "../importers/acled-edit.js";
import { clock, SAMPLES } from "../importers/helpers.js";
import { CASE_ID, getJson, harness, rwandaBundle, type Harness } from "./http-fixture.js";

let h: Harness;

beforeAll(async () => {
  h = await harness(await rwandaBundle());
  await importFile(h.store, { format: "acled", file: SAMPLES.acledMixed, clock });
  // Two corrections of the same row, one after the other: 1 → 2 → 3 fatalities.
  await importFile(h.store, { format: "acled", file: edited("BRASYNTH2", "2", 100), clock });
  await importFile(h.store, { format: "acled", file: edited("BRASYNTH2", "3", 200), clock });
});
afterAll(async () => h?.close());

describe("GET /api/records/{kind}/{id}: earlier versions", () => {
  it("lists the replaced versions oldest first, each as it was stored", async () => {
    const r = await getJson(h.app, "/api/records/incident/acled.brasynth2?case=import-acled");
    expect(r.status).toBe(200);
    const detail = RecordDetailSchema.parse(r.body);
    expect((detail.record as unknown as Incident).fatalities).toEqual({ best: 3 });
    expect(detail.versions.map((v) => v.change)).toEqual(["updated", "updated"]);
    expect(detail.versions.map((v) => (v.record as unknown as Incident).fatalities)).toEqual([
      { best: 1 },
      { best: 2 },
    ]);
    // Each version names the import that replaced it, and the provider version it had (its timestamp).
    expect(new Set(detail.versions.map((v) => v.replacedBy)).size).toBe(2);
    expect((detail.versions[0]?.version ?? "") < (detail.versions[1]?.version ?? "")).toBe(true);
    expect(detail.versions.every((v) => typeof v.replacedAt === "string")).toBe(true);
  });

  it("finds the versions without a case parameter, and gives none for a record never replaced", async () => {
    const r = await getJson(h.app, "/api/records/incident/acled.brasynth2");
    expect(RecordDetailSchema.parse(r.body).versions).toHaveLength(2);
    const rw = await getJson(
      h.app,
      `/api/records/warning/${(await rwandaBundle()).records.warning[0]?.id}?case=${CASE_ID}`,
    );
    expect(rw.status).toBe(200);
    expect(RecordDetailSchema.parse(rw.body).versions).toEqual([]);
  });
});
