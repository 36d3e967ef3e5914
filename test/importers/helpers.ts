// Shared helpers of the importer suites: sample paths, temporary stores, zip building, a CLI context.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { CliContext } from "../../src/cli/context.js";
import { openStore, type Store } from "../../src/storage/index.js";
import { REPO_ROOT, sharedPath } from "../support/shared-data.js";

/** The synthetic format fixtures the repository carries (generated: test/support/format-fixtures). */
export const FORMATS_DIR = resolve(REPO_ROOT, "test/fixtures/formats");
export const SAMPLES = {
  /** 120 ACLED events in one country and month (protests, riots, two strategic developments). */
  acledOneCountry: join(FORMATS_DIR, "acled/acled_synthetic_chile_2022-06.csv"),
  /** 480 ACLED events, 80 of each event type; rows 1–2 are AFGSYNTH1 and BRASYNTH2. */
  acledMixed: join(FORMATS_DIR, "acled/acled_synthetic_mixed_2022H1.csv"),
  /** 450 UCDP GED events (343 state-based, 36 non-state, 71 one-sided). */
  ucdp: join(FORMATS_DIR, "ucdp_ged/ucdp_ged_synthetic_450_1989-2015.csv"),
  /** 50 GDELT events, 8 in scope. */
  gdelt: join(FORMATS_DIR, "gdelt/gdelt2_synthetic_20150601120000.export.tsv"),
  /** The GDELT mentions table of the same update (16 columns). */
  gdeltMentions: join(FORMATS_DIR, "gdelt/gdelt2_synthetic_20150601120000.mentions.tsv"),
  /** 420 HXL rows, 239 with events. */
  hxl: join(FORMATS_DIR, "hxl/hxl_synthetic_conflict_event_2015-06.csv"),
} as const;

/**
 * The real provider samples in ../shared/data/formats (their terms do not allow copying them in). Paths only: every
 * suite that reads them first asks `hasSharedData(suite, paths)`, which skips those tests with a visible notice
 * naming the suite and the missing file when ../shared is absent (a fresh clone).
 */
export const REAL_FORMATS_DIR = sharedPath("data/formats");
export const REAL_SAMPLES = {
  acledArgentina: join(REAL_FORMATS_DIR, "acled/acled_argentina_2022-06_acledR_dummy.csv"),
  acledMixed: join(REAL_FORMATS_DIR, "acled/acled_mixed_2022H1_subset_acledR_deletion_dummy.csv"),
  ucdp: join(REAL_FORMATS_DIR, "ucdp_ged/ucdp_ged_sample_450_upto2015_uncertainUCDP.csv"),
  gdelt: join(REAL_FORMATS_DIR, "gdelt/gdelt2_events_20170701234500_sample50.export.tsv"),
  hxl: join(REAL_FORMATS_DIR, "hxl/hdx_hapi_conflict_event_2025-01_subset_hxl.csv"),
} as const;

export const FIXTURES_DIR = resolve(REPO_ROOT, "test/fixtures/importers");

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
