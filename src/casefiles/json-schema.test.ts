import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { generateJsonSchemas, JSON_SCHEMA_FOLDER, schemaFileFor } from "./json-schema.js";

const dir = join(fileURLToPath(new URL("../../", import.meta.url)), JSON_SCHEMA_FOLDER);

describe("JSON Schema for case files", () => {
  it("the committed files equal a fresh generation (run `npm run schema` after changing src/contracts)", async () => {
    const fresh = generateJsonSchemas();
    expect((await readdir(dir)).sort()).toEqual(Object.keys(fresh).sort());
    for (const [name, text] of Object.entries(fresh)) {
      expect(await readFile(join(dir, name), "utf8"), name).toBe(text);
    }
  });

  it("describes each record file as an array of closed objects, dates as strings", () => {
    const incidents = JSON.parse(generateJsonSchemas()["incidents.schema.json"] ?? "{}") as {
      type: string;
      items: {
        additionalProperties: boolean;
        properties: Record<string, { type?: string }>;
        required: string[];
      };
    };
    expect(incidents.type).toBe("array");
    expect(incidents.items.additionalProperties).toBe(false);
    expect(incidents.items.properties.occurredAt?.type).toBe("string");
    expect(incidents.items.required).toEqual(
      expect.arrayContaining(["id", "occurredAt", "knownAt", "citations", "acts"]),
    );
    // defaults make a field optional for the author
    expect(incidents.items.required).not.toContain("perpetrators");
  });

  it("names schema files after case files", () => {
    expect(schemaFileFor("tribunal-cases.json")).toBe("tribunal-cases.schema.json");
  });
});
