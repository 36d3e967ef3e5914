/**
 * `tocsin data fetch ewp [--out DIR] [--url URL] [--json]`: download the Early Warning Project's latest
 * country-year file, check it with the validator `tocsin forecast` uses, and write it with its provenance (a
 * dataset Source record and its SHA-256). Exit 0 written; 2 offline, refused or invalid (nothing written).
 * @module
 */
import path from "node:path";
import type { Command } from "commander";
import { EWP_DEFAULT_URL } from "../datasets/ewp/ewp.dataset.js";
import { formatEwpProblem } from "../datasets/ewp/ewp.reader.js";
import { type FetchEwpResult, fetchEwp } from "../datasets/ewp/fetch-ewp.js";
import { DownloadError } from "../datasets/fetch/download-file.js";
import { CliError } from "./cli-error.js";
import type { CliContext } from "./context.js";
import { printJson } from "./io.js";

interface FetchOptions {
  out: string;
  url?: string;
  json?: boolean;
}

/** Where `tocsin data fetch ewp` writes unless told otherwise (relative to the working directory). */
export const DEFAULT_EWP_DIR = path.join("data", "ewp");

/** Register `data fetch ewp`. */
export function registerDataCommand(program: Command, ctx: CliContext): void {
  const data = program.command("data").description("statistical data sets for forecasts");
  const fetch = data.command("fetch").description("download a data set, check it and record its provenance");
  fetch
    .command("ewp")
    .description("the Early Warning Project's latest country-year file (predictors and mass-killing onsets)")
    .option("--out <dir>", "folder to write to", DEFAULT_EWP_DIR)
    .option("--url <url>", "download from here instead", EWP_DEFAULT_URL)
    .option("--json", "print one JSON document")
    .action(async (opts: FetchOptions) => {
      let r: FetchEwpResult;
      try {
        r = await fetchEwp({ outDir: opts.out, url: opts.url, now: () => new Date() });
      } catch (e) {
        if (e instanceof DownloadError) throw new CliError(`${e.message}; nothing written`, 2, e.code);
        throw e;
      }
      if (!r.ok) {
        const shown = r.problems.slice(0, 10).map((p) => `  ${formatEwpProblem(p)}`);
        const more = r.problems.length > 10 ? [`  … and ${r.problems.length - 10} more`] : [];
        const head = `${r.url} (SHA-256 ${r.sha256}) is not a valid EWP country-year file; nothing written:`;
        throw new CliError([head, ...shown, ...more].join("\n"), 2, "INVALID_DATA");
      }
      const f = r.fetched;
      if (opts.json) {
        printJson(ctx.io, { path: r.path, sourcePath: r.sourcePath, ...f, source: r.source });
        return;
      }
      ctx.io.out(
        [
          `Fetched ${r.path}`,
          `  from     ${f.url}`,
          `  at       ${f.fetchedAt}`,
          `  SHA-256  ${f.sha256}`,
          `  holds    ${f.rows} country-years, ${f.years.from}–${f.years.to} (${f.bytes} bytes; columns checked)`,
          `  source   ${r.source.id}, recorded in ${r.sourcePath}`,
          `Next: tocsin demo --ewp ${r.path}   or   tocsin forecast --data ${r.path} --base-year ${f.years.to}`,
          "",
        ].join("\n"),
      );
    });
}
