// Names the forecasting data (Early Warning Project) gives countries whose world-atlas (Natural Earth) name
// differs; matched after normalising both (accents, case, punctuation removed). Small states absent from the
// 1:110m atlas (Bahrain, Cape Verde, Comoros, Mauritius, Singapore) stay in the table only.

/** Data name → atlas name. */
export const ATLAS_NAME: Readonly<Record<string, string>> = {
  "Bosnia and Herzegovina": "Bosnia and Herz.",
  "Burma/Myanmar": "Myanmar",
  "Central African Republic": "Central African Rep.",
  "Czech Republic": "Czechia",
  "Democratic Republic of Congo": "Dem. Rep. Congo",
  "Democratic Republic of Vietnam": "Vietnam",
  "Dominican Republic": "Dominican Rep.",
  "Equatorial Guinea": "Eq. Guinea",
  "Ivory Coast": "Côte d'Ivoire",
  Kyrgystan: "Kyrgyzstan",
  "Republic of Congo": "Congo",
  "Solomon Islands": "Solomon Is.",
  "South Sudan": "S. Sudan",
  "The Gambia": "Gambia",
};
