/**
 * Where the Early Warning Project's country-year file comes from, and what a Source record of it says: the
 * prepared predictors of the latest Statistical Risk Assessment (2025 edition), pinned to a commit so the same URL
 * always gives the same bytes. A newer edition is fetched with `--url`.
 * @module
 */
import type { DatasetProvenance } from "../fetch/dataset-source.js";

/** The repository of the 2025 Statistical Risk Assessment's replication files. */
export const EWP_REPOSITORY = "https://github.com/EarlyWarningProject/2025-Statistical-Risk-Assessment";

/** The commit the default URL is pinned to (the one the project's provenance notes name). */
export const EWP_COMMIT = "548cad77147d54cb59e529e7d390a6a7bdfe83b5";

/** The modelling input the 2025 SRA README names, as raw bytes. */
export const EWP_DEFAULT_URL = `https://raw.githubusercontent.com/EarlyWarningProject/2025-Statistical-Risk-Assessment/${EWP_COMMIT}/3.Modeling/prepared2024predictors-2025-09-03.csv`;

/**
 * What a Source record of an EWP file says about its provider. The repository has no licence file and its README
 * states none, so the terms are unspecified: the data stay the authors' (USHMM) and are cited, not redistributed.
 */
export const EWP_PROVENANCE: DatasetProvenance = {
  dataset: "ewp",
  title: "Early Warning Project: Statistical Risk Assessment country-year data",
  licence:
    "unspecified: the repository has no licence file and its README states none; the data remain the authors' (USHMM)",
  attribution:
    "Early Warning Project, United States Holocaust Memorial Museum, Statistical Risk Assessment (replication files)",
  reliability: "B",
  credibility: 2,
};
