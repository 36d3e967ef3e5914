/**
 * The columns of the Early Warning Project's prepared country-year file (2025 SRA replication data): identifiers,
 * the 39 predictors of EWP's model, and the outcome columns.
 * @module
 */

/** Identifier columns (not predictors). `year` is both an identifier and a predictor. */
export const EWP_ID_COLUMNS = ["ewp_name", "ccode"] as const;

/** Outcome columns: never predictors. */
export const EWP_OUTCOME_COLUMNS = ["mk_onset_1or2", "mk_onset", "mk_onset_1", "mk_onset_2"] as const;

/** The 39 predictors, in file order. */
export const EWP_PREDICTORS = [
  "year",
  "widetargeting",
  "narrowtargeting",
  "v2csgender_binary",
  "v2mecenefm_binary",
  "partyban.new.0",
  "partyban.new.1",
  "partyban.new.2",
  "minorityrule",
  "judicialreform",
  "religiousfreedom",
  "pol_killing_approved",
  "freediscussion",
  "social_inequality",
  "even_civilrights",
  "repress_civilsoc",
  "social_power_dist",
  "ses_power_dist",
  "popsize.log2",
  "gdppcgrowth",
  "un_imr_sqrt",
  "efindex",
  "discrimpop",
  "reg.na",
  "reg.eap",
  "reg.sca",
  "reg.mna",
  "reg.eur",
  "ios.iccpr1",
  "battledeaths.log2",
  "coup.try.5yr",
  "mk_ongoing_count_log2",
  "mean_mk_onset_interaction",
  "mk_onset_prev_year",
  "newcountry",
  "mk_ever",
  "year_sq",
  "countryage.new.log2",
  "includesnonstate",
] as const;

/** Every column the file must have (any order). */
export const EWP_COLUMNS: readonly string[] = [...EWP_ID_COLUMNS, ...EWP_PREDICTORS, ...EWP_OUTCOME_COLUMNS];
