import { describe, expect, it } from "vitest";
import { versionAtLeast, versionOfRow } from "./store-version.js";

describe("store version", () => {
  it("is <log head>.<case count>, -1 for an empty log", () => {
    expect(versionOfRow({ head: 1873, cases: 2 })).toBe("1873.2");
    expect(versionOfRow({ head: "7", cases: "1" })).toBe("7.1");
    expect(versionOfRow({ head: null, cases: 0 })).toBe("-1.0");
    expect(versionOfRow(undefined)).toBe("-1.0");
  });

  it("versionAtLeast: a later head, or the same version", () => {
    expect(versionAtLeast("1875.2", "1873.2")).toBe(true);
    expect(versionAtLeast("1875.1", "1873.2")).toBe(true);
    expect(versionAtLeast("1873.2", "1873.2")).toBe(true);
    expect(versionAtLeast("1873.1", "1873.2")).toBe(false); // a case deleted under the same head
    expect(versionAtLeast("1872.2", "1873.2")).toBe(false);
    expect(versionAtLeast("-1.0", "0.1")).toBe(false);
    expect(versionAtLeast("x", "1.1")).toBe(false);
    expect(versionAtLeast("", "")).toBe(true);
  });
});
