/**
 * The Source record of a fetched dataset file, in the case-file form (it validates against `SourceSchema` and can
 * be pasted into a case's `sources.json`): where the file came from, when, its SHA-256 and the years it covers.
 * @module
 */
import type { Credibility, Reliability } from "../../domain/index.js";

/** What is known about a dataset's provider before anything is fetched. */
export interface DatasetProvenance {
  /** Short name on the command line (`ewp`). */
  readonly dataset: string;
  readonly title: string;
  readonly licence: string;
  readonly attribution: string;
  readonly reliability: Reliability;
  readonly credibility: Credibility;
}

/** One fetch: the file as written and what it holds. */
export interface FetchedFile {
  readonly url: string;
  /** The file's name in the output folder. */
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  /** ISO date-time of the download (the system clock of the adapter). */
  readonly fetchedAt: string;
  readonly rows: number;
  readonly years: { readonly from: number; readonly to: number };
}

/** A dataset Source record in the case-file form (dates as written in case files). */
export interface DatasetSourceRecord {
  readonly id: string;
  readonly kind: "dataset";
  readonly title: string;
  readonly author: string;
  readonly url: string;
  readonly reliability: Reliability;
  readonly credibility: Credibility;
  readonly confidential: false;
  readonly licence: string;
  readonly attribution: string;
  readonly occurredAt: string;
  readonly knownAt: string;
  readonly citations: readonly { readonly source: string; readonly locator: string }[];
  readonly notes: string;
}

/**
 * The Source record of a fetched file: its id names the dataset and the first 12 hex digits of its hash, so the
 * same bytes always give the same id; `occurredAt` is the years the rows cover, `knownAt` the day of the fetch.
 * @example datasetSourceRecord(EWP_PROVENANCE, fetched).id // "ewp-3f2a9c01b7de"
 */
export function datasetSourceRecord(p: DatasetProvenance, f: FetchedFile): DatasetSourceRecord {
  const id = `${p.dataset}-${f.sha256.slice(0, 12)}`;
  return {
    id,
    kind: "dataset",
    title: `${p.title}: ${f.fileName}`,
    author: p.attribution,
    url: f.url,
    reliability: p.reliability,
    credibility: p.credibility,
    confidential: false,
    licence: p.licence,
    attribution: p.attribution,
    occurredAt: f.years.from === f.years.to ? `${f.years.from}` : `${f.years.from}/${f.years.to}`,
    knownAt: f.fetchedAt.slice(0, 10),
    citations: [{ source: id, locator: `file ${f.fileName}, SHA-256 ${f.sha256}` }],
    notes:
      `Fetched with \`tocsin data fetch ${p.dataset}\` from ${f.url} at ${f.fetchedAt}; ${f.bytes} bytes, ` +
      `${f.rows} country-years ${f.years.from}–${f.years.to}; SHA-256 ${f.sha256}.`,
  };
}
