import { describe, expect, it } from "vitest";
import { decideDelete, decideRow, TOMBSTONE } from "./decide.js";

describe("decideRow", () => {
  it("inserts new keys, keeps identical rows, updates newer and keeps out older ones", () => {
    expect(decideRow(undefined, "000001", "h")).toBe("insert");
    expect(decideRow({ version: "000001", rowHash: "h" }, "000009", "h")).toBe("unchanged");
    expect(decideRow({ version: "000001", rowHash: "h" }, "000002", "h2")).toBe("update");
    expect(decideRow({ version: "000001", rowHash: "h" }, "000001", "h2")).toBe("update");
    expect(decideRow({ version: "000002", rowHash: "h" }, "000001", "h2")).toBe("older");
  });
});

describe("decideDelete", () => {
  it("deletes stored records unless updated after the deletion; absent and tombstoned keys are skipped", () => {
    expect(decideDelete({ version: "000001", rowHash: "h" }, "000005")).toBe("delete");
    expect(decideDelete({ version: "000009", rowHash: "h" }, "000005")).toBe("superseded");
    expect(decideDelete(undefined, "000005")).toBe("absent");
    expect(decideDelete({ version: "000005", rowHash: TOMBSTONE }, "000006")).toBe("absent");
  });
});
