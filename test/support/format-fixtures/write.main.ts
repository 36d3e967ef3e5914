// Regenerate the synthetic import-format fixtures: `npx tsx test/support/format-fixtures/write.main.ts`.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { FORMAT_FIXTURES, FORMAT_FIXTURES_DIR } from "./index.js";

for (const [path, make] of Object.entries(FORMAT_FIXTURES)) {
  const file = join(FORMAT_FIXTURES_DIR, path);
  mkdirSync(dirname(file), { recursive: true });
  const text = make();
  writeFileSync(file, text);
  console.log(`${path}: ${text.length} bytes, ${text.trimEnd().split("\n").length} lines`);
}
