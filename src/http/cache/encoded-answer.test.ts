import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodeAnswer, MIN_COMPRESSED_BYTES, negotiateCoding, noneMatchHits } from "./encoded-answer.js";

const big = MIN_COMPRESSED_BYTES * 4;

describe("negotiateCoding", () => {
  it.each([
    ["gzip, deflate, br, zstd", "br"], // a browser: equal preference, ours breaks the tie
    ["gzip, deflate", "gzip"],
    ["br;q=0.5, gzip", "gzip"],
    ["gzip;q=0.2, br;q=0.9", "br"],
    ["identity", "identity"],
    ["deflate, zstd", "identity"], // none we offer: identity is always acceptable unless refused
    ["*", "br"],
    ["*;q=0", "identity"], // everything refused: identity is sent anyway (RFC 9110 §12.5.3)
    ["br;q=0, gzip;q=0", "identity"],
    ["", "identity"],
  ])("Accept-Encoding %j → %s", (header, coding) => {
    expect(negotiateCoding(header, big)).toBe(coding);
  });

  it("no header, or a body too small to gain, is identity", () => {
    expect(negotiateCoding(undefined, big)).toBe("identity");
    expect(negotiateCoding("br, gzip", MIN_COMPRESSED_BYTES - 1)).toBe("identity");
    expect(negotiateCoding("br, gzip", MIN_COMPRESSED_BYTES)).toBe("br");
  });
});

describe("encodeAnswer", () => {
  const json = JSON.stringify({
    items: Array.from({ length: 200 }, (_, i) => ({ id: `r-${i}`, day: "1994-04-07" })),
  });
  const answer = { body: Buffer.from(json, "utf8"), etag: '"abc123"' };

  it("brotli and gzip decode to the same bytes, each with its own tag", async () => {
    const br = await encodeAnswer(answer, "br");
    const gz = await encodeAnswer(answer, "gzip");
    const id = await encodeAnswer(answer, "identity");
    expect(brotliDecompressSync(br.body).toString("utf8")).toBe(json);
    expect(gunzipSync(gz.body).toString("utf8")).toBe(json);
    expect(id.body).toBe(answer.body);
    expect([br.etag, gz.etag, id.etag]).toEqual(['"abc123-br"', '"abc123-gzip"', '"abc123"']);
    expect(br.body.byteLength).toBeLessThan(answer.body.byteLength / 5);
  });

  it("compresses once per answer and coding", async () => {
    const first = encodeAnswer(answer, "br");
    expect(encodeAnswer(answer, "br")).toBe(first);
    const other = { body: json, etag: '"other"' };
    const fromText = await encodeAnswer(other, "gzip");
    expect(gunzipSync(fromText.body).toString("utf8")).toBe(json);
  });
});

describe("noneMatchHits", () => {
  it("matches the answer in any coding, weak or strong, and * ", () => {
    for (const h of ['"abc"', '"abc-br"', 'W/"abc-gzip"', '"x", "abc-br"', "*"])
      expect(noneMatchHits(h, '"abc"'), h).toBe(true);
  });
  it("does not match another answer, or a tag with a coding we do not serve", () => {
    for (const h of ['"abd"', '"abc-zstd"', '"abc-br-br"', '"other-br"', ""])
      expect(noneMatchHits(h, '"abc"'), h).toBe(false);
    expect(noneMatchHits(undefined, '"abc"')).toBe(false);
  });
});
