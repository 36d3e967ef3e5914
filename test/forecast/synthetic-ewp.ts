// A synthetic table in the EWP file format (same 45 columns, invented values) for fast tests of the forecast
// pipeline and the CLI. Onsets depend on three predictors so models have something to find.
import { EWP_COLUMNS, EWP_PREDICTORS } from "../../src/datasets/ewp/ewp.columns.js";
import { mulberry32 } from "../../src/forecast/stats/random.js";

/** CSV text: `countries` × years `from`..`to`; lead outcomes past `to` are blank, as in the real file. */
export function syntheticEwpCsv(
  opts: { countries?: number; from?: number; to?: number; seed?: number } = {},
): string {
  const countries = opts.countries ?? 30;
  const from = opts.from ?? 1980;
  const to = opts.to ?? 2015;
  const rng = mulberry32(opts.seed ?? 7);
  const lines = [EWP_COLUMNS.join(",")];
  for (let c = 0; c < countries; c++) {
    const risk = rng();
    const onset: number[] = [];
    const rows: Record<string, number>[] = [];
    for (let year = from; year <= to; year++) {
      const row: Record<string, number> = {};
      for (const name of EWP_PREDICTORS) row[name] = rng() < 0.5 ? 0 : Math.round(rng() * 100) / 100;
      row.year = year;
      row.year_sq = year * year;
      row["battledeaths.log2"] = Math.round(risk * 12 * rng() * 100) / 100;
      row["reg.na"] = c % 5 === 0 ? 1 : 0;
      row.includesnonstate = year >= 1989 ? 1 : 0;
      const z = -4.2 + 3.2 * risk + 0.15 * row["battledeaths.log2"]!;
      onset.push(rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0);
      rows.push(row);
    }
    rows.forEach((row, k) => {
      const year = from + k;
      const o1 = year + 1 <= to ? onset[k + 1]! : NaN;
      const o2 = year + 2 <= to ? onset[k + 2]! : NaN;
      const out: Record<string, string> = { ewp_name: `Country ${c}`, ccode: String(100 + c) };
      for (const [name, v] of Object.entries(row)) out[name] = String(v);
      out.mk_onset = String(onset[k]);
      out.mk_onset_1 = Number.isNaN(o1) ? "" : String(o1);
      out.mk_onset_2 = Number.isNaN(o2) ? "" : String(o2);
      out.mk_onset_1or2 = Number.isNaN(o2) ? "" : String(o1 === 1 || o2 === 1 ? 1 : 0);
      lines.push(EWP_COLUMNS.map((col) => out[col] ?? "").join(","));
    });
  }
  return `${lines.join("\n")}\n`;
}
