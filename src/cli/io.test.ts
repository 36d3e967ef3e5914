import { describe, expect, it } from "vitest";
import { printJson, type CliIo } from "./io.js";

describe("printJson", () => {
  it("prints one indented document whose DEL and C1 characters are escaped, and which parses to the same value", () => {
    let out = "";
    const io: CliIo = { out: (t) => void (out += t), err: () => undefined, isTTY: false };
    const value = { cell: "\u009b31mred\u007f", esc: "\u001b[0m", plain: "Town X – 1994" };
    printJson(io, value);
    expect(out.endsWith("}\n")).toBe(true);
    // eslint-disable-next-line no-control-regex -- no raw control character may reach the terminal
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u);
    expect(out).toContain("\\u009b31mred\\u007f");
    expect(JSON.parse(out)).toEqual(value);
  });
});
