// The countries the synthetic fixtures place their invented events in, with the codes each format uses
// (ISO numeric for ACLED, Gleditsch–Ward for UCDP GED, FIPS 10-4 for GDELT) and a rough centre for coordinates.
// Situations the project holds out from development are left out on purpose.

export interface FixtureCountry {
  readonly name: string;
  readonly iso3: string;
  readonly isoNumeric: number;
  readonly gw: number;
  readonly fips: string;
  /** ACLED's region name. */
  readonly acledRegion: string;
  /** UCDP GED's region name. */
  readonly ucdpRegion: string;
  readonly lat: number;
  readonly lon: number;
}

// name, iso3, ISO numeric, G-W, FIPS, ACLED region, UCDP region, lat, lon
const ROWS: readonly (readonly [string, string, number, number, string, string, string, number, number])[] = [
  ["Afghanistan", "AFG", 4, 700, "AF", "Caucasus and Central Asia", "Asia", 34.5, 66.0],
  ["Brazil", "BRA", 76, 140, "BR", "South America", "Americas", -10.0, -48.0],
  ["Nigeria", "NGA", 566, 475, "NI", "Western Africa", "Africa", 9.0, 8.0],
  ["Mali", "MLI", 466, 432, "ML", "Western Africa", "Africa", 15.0, -3.0],
  ["Burkina Faso", "BFA", 854, 439, "UV", "Western Africa", "Africa", 12.3, -1.5],
  ["Niger", "NER", 562, 436, "NG", "Western Africa", "Africa", 15.5, 8.0],
  ["Cameroon", "CMR", 120, 471, "CM", "Middle Africa", "Africa", 6.0, 12.5],
  ["Chad", "TCD", 148, 483, "CD", "Middle Africa", "Africa", 14.0, 18.5],
  ["Central African Republic", "CAF", 140, 482, "CT", "Middle Africa", "Africa", 6.6, 20.5],
  ["Democratic Republic of Congo", "COD", 180, 490, "CG", "Middle Africa", "Africa", -2.5, 23.5],
  ["Somalia", "SOM", 706, 520, "SO", "Eastern Africa", "Africa", 5.0, 45.5],
  ["Ethiopia", "ETH", 231, 530, "ET", "Eastern Africa", "Africa", 9.0, 39.5],
  ["Uganda", "UGA", 800, 500, "UG", "Eastern Africa", "Africa", 1.5, 32.5],
  ["Mozambique", "MOZ", 508, 541, "MZ", "Southern Africa", "Africa", -17.0, 36.0],
  ["Colombia", "COL", 170, 100, "CO", "South America", "Americas", 4.5, -74.0],
  ["Mexico", "MEX", 484, 70, "MX", "Central America", "Americas", 22.0, -101.0],
  ["Venezuela", "VEN", 862, 101, "VE", "South America", "Americas", 7.5, -66.0],
  ["Peru", "PER", 604, 135, "PE", "South America", "Americas", -9.5, -75.0],
  ["Honduras", "HND", 340, 91, "HO", "Central America", "Americas", 14.8, -86.8],
  ["Pakistan", "PAK", 586, 770, "PK", "South Asia", "Asia", 30.0, 70.0],
  ["India", "IND", 356, 750, "IN", "South Asia", "Asia", 22.0, 79.0],
  ["Bangladesh", "BGD", 50, 771, "BG", "South Asia", "Asia", 23.7, 90.3],
  ["Nepal", "NPL", 524, 790, "NP", "South Asia", "Asia", 28.2, 84.1],
  ["Sri Lanka", "LKA", 144, 780, "CE", "South Asia", "Asia", 7.8, 80.7],
  ["Philippines", "PHL", 608, 840, "RP", "Southeast Asia", "Asia", 12.0, 122.0],
  ["Indonesia", "IDN", 360, 850, "ID", "Southeast Asia", "Asia", -2.5, 118.0],
  ["Thailand", "THA", 764, 800, "TH", "Southeast Asia", "Asia", 15.0, 101.0],
  ["Yemen", "YEM", 887, 678, "YM", "Middle East", "Middle East", 15.5, 47.5],
  ["Lebanon", "LBN", 422, 660, "LE", "Middle East", "Middle East", 33.9, 35.8],
  ["Turkey", "TUR", 792, 640, "TU", "Middle East", "Europe", 39.0, 35.0],
  ["Libya", "LBY", 434, 620, "LY", "Northern Africa", "Middle East", 27.0, 17.0],
  ["Egypt", "EGY", 818, 651, "EG", "Northern Africa", "Middle East", 26.8, 30.8],
  ["Ukraine", "UKR", 804, 369, "UP", "Europe", "Europe", 49.0, 32.0],
  ["Georgia", "GEO", 268, 372, "GG", "Caucasus and Central Asia", "Europe", 42.2, 43.5],
  ["Algeria", "DZA", 12, 615, "AG", "Northern Africa", "Middle East", 28.0, 2.6],
  ["Chile", "CHL", 152, 155, "CI", "South America", "Americas", -33.5, -70.7],
];

export const COUNTRIES: readonly FixtureCountry[] = ROWS.map(
  ([name, iso3, isoNumeric, gw, fips, acledRegion, ucdpRegion, lat, lon]) => ({
    name,
    iso3,
    isoNumeric,
    gw,
    fips,
    acledRegion,
    ucdpRegion,
    lat,
    lon,
  }),
);

/** The country with this ISO alpha-3 code. */
export function country(iso3: string): FixtureCountry {
  const c = COUNTRIES.find((x) => x.iso3 === iso3);
  if (!c) throw new Error(`${iso3} is not a fixture country`);
  return c;
}
