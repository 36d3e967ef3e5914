import { join } from "node:path";
import madge from "madge";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");

describe("the import graph", () => {
  it("has no cycles in src/ (type-only imports included)", async () => {
    const graph = await madge(join(root, "src"), {
      fileExtensions: ["ts", "tsx"],
      tsConfig: join(root, "tsconfig.json"),
      excludeRegExp: [/\.test\.ts$/],
    });
    expect(Object.keys(graph.obj()).length).toBeGreaterThan(300);
    expect(graph.circular()).toEqual([]);
  }, 120_000);
});
