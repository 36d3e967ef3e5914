/** Write the generated JSON Schema files into a package's cases/schema/ folder (run by `npm run schema`). @module */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateJsonSchemas, JSON_SCHEMA_FOLDER } from "./json-schema.js";

/**
 * Write every generated JSON Schema file under `root`'s schema folder, creating it when missing.
 * @returns the paths written, in order.
 */
export async function writeJsonSchemas(root: string): Promise<string[]> {
  const dir = join(root, JSON_SCHEMA_FOLDER);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(generateJsonSchemas())) {
    await writeFile(join(dir, name), text);
    written.push(join(dir, name));
  }
  return written;
}
