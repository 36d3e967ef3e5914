// Shared helpers of the importer suites: sample paths, temporary stores, zip building, a CLI context.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
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

/**
 * One Tocsin JSON-lines incident: a killing in RWA on 2020-01-03, known on 2020-02-01, with `fields` on top.
 * @example incidentLine("inc-1", { perpetrators: ["a"] })
 */
export function incidentLine(id: string, fields: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({
    kind: "incident",
    record: {
      id,
      occurredAt: "2020-01-03",
      knownAt: "2020-02-01",
      summary: `Incident ${id}`,
      acts: ["killing"],
      place: { country: "RWA" },
      ...fields,
    },
  });
}

/** Build a zip archive in memory (deflated entries); `declaredSize` overrides the size a header claims. */
export { buildZip as makeZip } from "./zip-entries.js";

/** How a test's CLI context differs from the plain one: a terminal, a hook on stderr, Ctrl-C. */
export interface CliContextOptions {
  readonly isTTY?: boolean;
  /** Called with each piece of stderr text after it is captured. */
  readonly onErr?: (text: string) => void;
  readonly onInterrupt?: CliContext["onInterrupt"];
}

/** A CLI context capturing output (stdout and stderr pieces, in order) and the exit code set. */
export function cliContext(
  defaultDb: string,
  options: CliContextOptions = {},
): { ctx: CliContext; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  const ctx: CliContext = {
    io: {
      out: (t) => void out.push(t),
      err: (t) => {
        err.push(t);
        options.onErr?.(t);
      },
      isTTY: options.isTTY ?? false,
    },
    defaultDb,
    defaultPort: 0,
    packageRoot: process.cwd(),
    env: {},
    setExitCode: (c) => {
      code = Math.max(code, c);
    },
    exitCode: () => code,
    today: () => "2026-01-15",
    ...(options.onInterrupt ? { onInterrupt: options.onInterrupt } : {}),
  };
  return { ctx, out, err };
}
