/**
 * `tocsin data fetch ewp`'s work: download the EWP country-year file, check it with the validator `tocsin forecast`
 * uses, and write it beside its provenance — `FILE.source.json` (a dataset Source record: where and when it came
 * from, its SHA-256) and `FILE.sha256` (for `sha256sum -c`). Nothing is left unless the file is valid (not even a
 * folder this call created).
 * @module
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { SourceSchema } from "../../contracts/index.js";
import { type DatasetSourceRecord, type FetchedFile, datasetSourceRecord } from "../fetch/dataset-source.js";
import { DownloadError, type DownloadOptions, downloadToFile } from "../fetch/download-file.js";
import { EWP_DEFAULT_URL, EWP_PROVENANCE } from "./ewp.dataset.js";
import { type EwpProblem, parseEwpText } from "./ewp.reader.js";

export interface FetchEwpOptions extends DownloadOptions {
  /** The folder the file is written to (created if missing). */
  readonly outDir: string;
  /** Where to download from (default {@link EWP_DEFAULT_URL}). */
  readonly url?: string;
  /** The clock stamping the fetch. */
  readonly now: () => Date;
}

/** What `fetchEwp` wrote (paths), or why the download was refused (every problem, nothing written). */
export type FetchEwpResult =
  | {
      readonly ok: true;
      readonly path: string;
      readonly sourcePath: string;
      readonly fetched: FetchedFile;
      readonly source: DatasetSourceRecord;
    }
  | {
      readonly ok: false;
      readonly url: string;
      readonly sha256: string;
      readonly problems: readonly EwpProblem[];
    };

/**
 * Download, validate and write the file with its provenance.
 * @throws DownloadError when the file cannot be fetched or written (nothing is left behind).
 * @example const r = await fetchEwp({ outDir: "data/ewp", now: () => new Date() }); if (r.ok) r.fetched.sha256
 */
export async function fetchEwp(opts: FetchEwpOptions): Promise<FetchEwpResult> {
  const url = opts.url ?? EWP_DEFAULT_URL;
  const fileName = fileNameOf(url);
  // The first folder this call creates, if any: removed again when nothing is written.
  let created: string | undefined;
  try {
    created = await mkdir(opts.outDir, { recursive: true });
  } catch (e) {
    throw new DownloadError(`cannot create ${opts.outDir} (${(e as NodeJS.ErrnoException).code})`, "WRITE");
  }
  const path = join(opts.outDir, fileName);
  const sourcePath = `${path}.source.json`;
  const shaPath = `${path}.sha256`;
  const tag = randomBytes(4).toString("hex");
  const part = (p: string): string => join(opts.outDir, `.${basename(p)}.${tag}.part`);
  const parts = [part(path), part(sourcePath), part(shaPath)] as const;
  let written = false;
  try {
    const { sha256, bytes } = await downloadToFile(url, parts[0], opts);
    const fetchedAt = opts.now().toISOString();
    const parsed = parseEwpText(await readFile(parts[0], "utf8"));
    if (!parsed.ok) return { ok: false, url, sha256, problems: parsed.problems };
    const years = Array.from(parsed.table.year);
    const fetched: FetchedFile = {
      url,
      fileName,
      sha256,
      bytes,
      fetchedAt,
      rows: parsed.table.n,
      years: { from: Math.min(...years), to: Math.max(...years) },
    };
    const source = datasetSourceRecord(EWP_PROVENANCE, fetched);
    // The record must be one a case could cite: checked by the same schema case files are.
    const check = SourceSchema.safeParse(source);
    if (!check.success) throw new Error(`fetchEwp: invalid source record: ${check.error.message}`);
    const sidecar = { dataset: EWP_PROVENANCE.dataset, ...fetched, source };
    await writeFile(parts[1], `${JSON.stringify(sidecar, null, 2)}\n`);
    await writeFile(parts[2], `${sha256}  ${fileName}\n`);
    await rename(parts[0], path);
    await rename(parts[1], sourcePath);
    await rename(parts[2], shaPath);
    written = true;
    return { ok: true, path, sourcePath, fetched, source };
  } catch (e) {
    if (e instanceof DownloadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === "string")
      throw new DownloadError(`cannot write into ${opts.outDir} (${code})`, "WRITE");
    throw e;
  } finally {
    for (const p of parts) await rm(p, { force: true });
    if (!written && created !== undefined) await rm(created, { recursive: true, force: true });
  }
}

/** The file name the URL ends with, if it is a plain one; otherwise a fixed name. */
export function fileNameOf(url: string): string {
  let last = "";
  try {
    last = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  } catch {
    last = "";
  }
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/.test(last) ? last : "ewp-country-years.csv";
}
