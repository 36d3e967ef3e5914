import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createDecoder, decodeWindows1252 } from "./decode.js";

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

  it("falls back to Windows-1252 when the bytes are not UTF-8 (Latin-1 text reads the same)", async () => {
    expect(await decode([Buffer.from("Córdoba,1\n", "latin1")])).toEqual({
      text: "Córdoba,1\n",
      encoding: "windows-1252",
    });
  });

  it("reads the curly quotes, dashes and € that spreadsheet software writes in Windows-1252", async () => {
    // "“Córdoba” – 5 €" as Excel saves it: 0x93 and 0x94 quotes, 0x96 en dash, 0x80 euro sign.
    const bytes = Buffer.from([
      0x93,
      ...Buffer.from("Córdoba", "latin1"),
      0x94,
      0x20,
      0x96,
      0x20,
      0x35,
      0x20,
      0x80,
    ]);
    const r = await decode([Buffer.from("id,notes\n1,"), bytes, Buffer.from("\n")]);
    expect(r).toEqual({ text: "id,notes\n1,“Córdoba” – 5 €\n", encoding: "mixed" });
    expect(await decode([Buffer.concat([Buffer.from("1,"), bytes])])).toEqual({
      text: "1,“Córdoba” – 5 €",
      encoding: "windows-1252",
    });
    expect(r.text).not.toMatch(/[\u0080-\u009f]/);
  });

  it("maps the five bytes Windows-1252 leaves undefined to the C1 code points, as WHATWG does", () => {
    expect(
      [...decodeWindows1252(Buffer.from([0x81, 0x8d, 0x8f, 0x90, 0x9d]))].map((c) => c.codePointAt(0)),
    ).toEqual([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
  });

  it("decodes all 256 bytes as ICU's windows-1252 converter does", () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, b) => b));
    // Streaming mode goes through ICU; Node 20's one-shot decode() has a Latin-1 shortcut (nodejs/node#60888).
    const icu = new TextDecoder("windows-1252");
    const expected = icu.decode(all, { stream: true }) + icu.decode();
    expect(decodeWindows1252(all)).toBe(expected);
    expect(expected.charCodeAt(0x80)).toBe(0x20ac);
  });

  it("reports Windows-1252 when only the file's last bytes are not UTF-8", async () => {
    // "é" (0xE9) at the very end looks like the start of a 3-byte UTF-8 sequence and is held until the end.
    expect(await decode([Buffer.from("a,caf"), Buffer.from([0xe9])])).toEqual({
      text: "a,café",
      encoding: "mixed",
    });
    expect(await decode([Buffer.from([0x61, 0x2c, 0xe9])])).toEqual({
      text: "a,é",
      encoding: "windows-1252",
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
