// fast-check mutates the format fixtures (and the real samples, when ../shared is present): cut, insert,
// delete, duplicate, swap bytes and lines; it checks that the import never crashes and accounts for every row:
// imported + updated + unchanged + deleted + skipped + rejected = read. A file-level refusal must carry a known
// code.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_ERROR_CODES, importFile } from "../../src/importers/index.js";
import type { Store } from "../../src/storage/index.js";
import { hasSharedData } from "../support/shared-data.js";
import { clock, REAL_SAMPLES, SAMPLES, tempStore } from "./helpers.js";

/** First `n` lines of a sample: enough structure to mutate, small enough for many runs. */
function head(path: string, n: number): Buffer {
  return Buffer.from(readFileSync(path, "utf8").split("\n").slice(0, n).join("\n"), "utf8");
}

type Mutation =
  | { op: "insert"; at: number; bytes: number[] }
  | { op: "delete"; at: number; len: number }
  | { op: "truncate"; at: number }
  | { op: "dupLine"; line: number }
  | { op: "swapLines"; a: number; b: number };

const special = fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x09, 0x00, 0x3d, 0xe9, 0xff, 0xef, 0xbb, 0xbf, 0x23);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant("insert" as const),
    at: fc.nat(),
    bytes: fc.array(fc.oneof(special, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ op: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("truncate" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("dupLine" as const), line: fc.nat() }),
  fc.record({ op: fc.constant("swapLines" as const), a: fc.nat(), b: fc.nat() }),
);

function apply(data: Buffer, muts: readonly Mutation[]): Buffer {
  let d = data;
  for (const m of muts) {
    const n = Math.max(d.length, 1);
    switch (m.op) {
      case "insert": {
        const at = m.at % n;
        d = Buffer.concat([d.subarray(0, at), Buffer.from(m.bytes), d.subarray(at)]);
        break;
      }
      case "delete": {
        const at = m.at % n;
        d = Buffer.concat([d.subarray(0, at), d.subarray(at + m.len)]);
        break;
      }
      case "truncate":
        d = d.subarray(0, m.at % n);
        break;
      case "dupLine":
      case "swapLines": {
        const lines = d.toString("latin1").split("\n");
        if (m.op === "dupLine") {
          const i = m.line % lines.length;
          lines.splice(i, 0, lines[i] as string);
        } else {
          const a = m.a % lines.length;
          const b = m.b % lines.length;
          [lines[a], lines[b]] = [lines[b] as string, lines[a] as string];
        }
        d = Buffer.from(lines.join("\n"), "latin1");
        break;
      }
    }
  }
  return d;
}

let store: Store;
let dir: string;
beforeAll(async () => {
  ({ store, dir } = await tempStore());
});
afterAll(async () => {
  await store.close();
});

const SOURCES = [
  { name: "acled", label: "acled fixture", data: head(SAMPLES.acledMixed, 40) },
  { name: "ucdp-ged", label: "ucdp-ged fixture", data: head(SAMPLES.ucdp, 40) },
  { name: "hxl", label: "hxl fixture", data: head(SAMPLES.hxl, 60) },
  { name: "gdelt", label: "gdelt fixture", data: head(SAMPLES.gdelt, 50) },
];
/** The real provider samples as well, when ../shared is beside the repository (as in CI). */
const REAL = [
  { name: "acled", label: "acled real sample", file: REAL_SAMPLES.acledMixed, lines: 40 },
  { name: "ucdp-ged", label: "ucdp-ged real sample", file: REAL_SAMPLES.ucdp, lines: 40 },
  { name: "hxl", label: "hxl real sample", file: REAL_SAMPLES.hxl, lines: 60 },
  { name: "gdelt", label: "gdelt real sample", file: REAL_SAMPLES.gdelt, lines: 50 },
];
if (
  hasSharedData(
    "importers/property",
    REAL.map((r) => r.file),
  )
)
  for (const r of REAL) SOURCES.push({ name: r.name, label: r.label, data: head(r.file, r.lines) });

describe("mutated samples", () => {
  for (const s of SOURCES) {
    it(`${s.label}: every row is accounted for and nothing crashes`, async () => {
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutation, { minLength: 1, maxLength: 4 }),
          fc.constantFrom(s.name, "auto"),
          async (muts, format) => {
            const file = join(dir, `${s.name}-${n++}.txt`);
            writeFileSync(file, apply(s.data, muts));
            const r = await importFile(store, { format, file, clock, batchSize: 16 });
            if (r.fileError) {
              expect(IMPORT_ERROR_CODES).toContain(r.fileError.code);
              expect(r.written).toBe(false);
              return;
            }
            expect(r.imported + r.updated + r.unchanged + r.deleted + r.skipped + r.rejected).toBe(r.read);
            expect(r.problems.length).toBe(r.rejected);
          },
        ),
        { numRuns: 25, seed: 20261128 },
      );
    });
  }
});
