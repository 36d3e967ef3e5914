// Shared helpers of the importer suites: sample paths, temporary stores, zip building, a CLI context.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { deflateRawSync } from "node:zlib";
import type { CliContext } from "../../src/cli/context.js";
import { openStore, type Store } from "../../src/storage/index.js";

/** The shared format samples, relative to the repository (never copied into it). */
export const FORMATS_DIR = resolve(process.cwd(), "../shared/data/formats");
export const SAMPLES = {
  acledArgentina: join(FORMATS_DIR, "acled/acled_argentina_2022-06_acledR_dummy.csv"),
  acledMixed: join(FORMATS_DIR, "acled/acled_mixed_2022H1_subset_acledR_deletion_dummy.csv"),
  ucdp: join(FORMATS_DIR, "ucdp_ged/ucdp_ged_sample_450_upto2015_uncertainUCDP.csv"),
  gdelt: join(FORMATS_DIR, "gdelt/gdelt2_events_20170701234500_sample50.export.tsv"),
  hxl: join(FORMATS_DIR, "hxl/hdx_hapi_conflict_event_2025-01_subset_hxl.csv"),
} as const;

export const FIXTURES_DIR = resolve(process.cwd(), "test/fixtures/importers");

/** A fresh temporary directory. */
export function tempDir(prefix = "tocsin-import-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A fresh SQLite store in a temporary directory. */
export async function tempStore(): Promise<{ store: Store; path: string; dir: string }> {
  const dir = tempDir();
  const path = join(dir, "store.db");
  return { store: await openStore(path), path, dir };
}

/** A fixed clock for imports. */
export const clock = (): Date => new Date("2026-01-15T12:00:00Z");

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Build a zip archive in memory (deflated entries). `declaredSize` overrides the size a header claims. */
export function makeZip(entries: readonly { name: string; data: Buffer; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const comp = deflateRawSync(e.data);
    const crc = crc32(e.data);
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, comp);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + comp.length;
  }
  const cen = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cen.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cen, end]);
}

/** A CLI context capturing output. */
export function cliContext(defaultDb: string): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const ctx: CliContext = {
    io: { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: false },
    defaultDb,
    defaultPort: 0,
    packageRoot: process.cwd(),
    env: {},
    setExitCode: (c) => {
      code = Math.max(code, c);
    },
    exitCode: () => code,
    today: () => "2026-01-15",
  };
  return { ctx, out, err };
}
