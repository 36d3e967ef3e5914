/**
 * JSON Schema for case files, generated from the zod schemas in src/contracts so the two cannot drift.
 * `npm run schema` writes them to `cases/schema/`; a test checks the committed files equal a fresh run.
 * @module
 */
import { z } from "zod";
import { CaseManifestSchema, RECORD_FILES, RECORD_SCHEMAS } from "../contracts/index.js";
import { RECORD_KINDS } from "../domain/index.js";

/** Folder (relative to the package root) where the schemas are committed. */
export const JSON_SCHEMA_FOLDER = "cases/schema";

/** The schema file name for a case file: `actors.json` → `actors.schema.json`. */
export function schemaFileFor(caseFile: string): string {
  return caseFile.replace(/\.json$/, ".schema.json");
}

function render(schema: z.ZodType, title: string, description: string): string {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any", target: "draft-2020-12" });
  return `${JSON.stringify({ ...json, title, description }, null, 2)}\n`;
}

/**
 * Every JSON Schema file, by file name, as the text to write.
 * @example generateJsonSchemas()["case.schema.json"] // '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema", …'
 */
export function generateJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {
    "case.schema.json": render(
      CaseManifestSchema,
      "Tocsin case manifest (case.json)",
      "See docs/case-format.md.",
    ),
  };
  for (const kind of RECORD_KINDS) {
    const file = RECORD_FILES[kind];
    out[schemaFileFor(file)] = render(
      z.array(RECORD_SCHEMAS[kind] as z.ZodType),
      `Tocsin case file ${file}`,
      `A JSON array of ${kind} records. See docs/case-format.md.`,
    );
  }
  return out;
}
