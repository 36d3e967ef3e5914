/** `npm run schema`: write the generated JSON Schema files into cases/schema/. @module */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateJsonSchemas, JSON_SCHEMA_FOLDER } from "./json-schema.js";

const root = process.argv[2] ?? ".";
const dir = join(root, JSON_SCHEMA_FOLDER);
await mkdir(dir, { recursive: true });
for (const [name, text] of Object.entries(generateJsonSchemas())) {
  await writeFile(join(dir, name), text);
  console.error(`wrote ${join(dir, name)}`);
}
