import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createDecoder } from "./decode.js";

async function decode(chunks: Buffer[]): Promise<{ text: string; encoding: string }> {
  const d = createDecoder("test");
  let text = "";
  for await (const c of Readable.from(chunks).pipe(d.stream)) text += String(c);
  return { text, encoding: d.encoding() };
}

describe("createDecoder", () => {
  it("strips a UTF-8 BOM and joins a character split across chunks", async () => {
    const bytes = Buffer.from("\uFEFFCórdoba,1\n", "utf8");
    const r = await decode([bytes.subarray(0, 5), bytes.subarray(5)]);
    expect(r).toEqual({ text: "Córdoba,1\n", encoding: "utf-8-bom" });
  });

  it("falls back to Latin-1 when the bytes are not UTF-8", async () => {
    expect(await decode([Buffer.from("Córdoba,1\n", "latin1")])).toEqual({
      text: "Córdoba,1\n",
      encoding: "latin-1",
    });
  });

  it("reads UTF-16 with a BOM", async () => {
    const r = await decode([Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,é\n", "utf16le")])]);
    expect(r).toEqual({ text: "a,é\n", encoding: "utf-16le" });
  });

  it("refuses binary input and passes empty input through", async () => {
    await expect(decode([Buffer.from([0x50, 0x00, 0x01, 0x02, 0x03])])).rejects.toThrow("not a text file");
    expect(await decode([])).toEqual({ text: "", encoding: "utf-8" });
  });
});
