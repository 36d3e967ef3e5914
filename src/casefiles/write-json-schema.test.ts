import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateJsonSchemas, JSON_SCHEMA_FOLDER } from "./json-schema.js";
import { writeJsonSchemas } from "./write-json-schema.js";

describe("writeJsonSchemas", () => {
  it("writes one file per generated schema into a new schema folder", async () => {
    const root = await mkdtemp(join(tmpdir(), "tocsin-schema-"));
    try {
      const written = await writeJsonSchemas(root);
      const names = Object.keys(generateJsonSchemas()).sort();
      expect(written).toEqual(
        Object.keys(generateJsonSchemas()).map((n) => join(root, JSON_SCHEMA_FOLDER, n)),
      );
      expect((await readdir(join(root, JSON_SCHEMA_FOLDER))).sort()).toEqual(names);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
