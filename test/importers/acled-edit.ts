// A corrected ACLED row, as the provider would publish it: the mixed ACLED fixture with one row's fatalities set and its
// timestamp moved by `delta` seconds (positive: a newer edit; negative: an older one).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SAMPLES, tempDir } from "./helpers.js";

/**
 * Write the edited sample into a fresh temporary folder and return its path.
 * @example editedAcledSample("BRASYNTH2", "2", 100)
 */
export function editedAcledSample(id: string, fatalities: string, delta: number): string {
  const lines = readFileSync(SAMPLES.acledMixed, "utf8").split("\n");
  const i = lines.findIndex((l) => l.startsWith(`"${id}",`));
  if (i < 0) throw new Error(`row ${id} is not in the ACLED mixed fixture`);
  const cells = (lines[i] as string).split(",");
  cells[cells.length - 1] = String(Number(cells[cells.length - 1]) + delta);
  cells[cells.length - 3] = fatalities;
  lines[i] = cells.join(",");
  const path = join(tempDir(), `${id}-${delta}.csv`);
  writeFileSync(path, lines.join("\n"));
  return path;
}
