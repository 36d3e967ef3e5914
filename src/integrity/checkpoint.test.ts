import { describe, expect, it } from "vitest";
import { checkpointText, openCheckpoint, parseCheckpointText, signCheckpoint } from "./checkpoint.js";
import { emptyRoot, leafHash } from "./merkle-hash.js";
import { signerFromSeed } from "./signed-note.js";

const signer = signerFromSeed("tocsin.test/log", Buffer.alloc(32, 1));
const root = leafHash(Buffer.from("a"));

describe("C2SP tlog-checkpoint", () => {
  it("writes origin, size and base64 root on three lines", () => {
    expect(checkpointText({ origin: "tocsin.test/log", size: 1, root })).toBe(
      "tocsin.test/log\n1\nAippeebat6pa5MPl5F9+l3ESp+Y1k4INvsHsc4ok+Tw=\n",
    );
  });

  it("signs and opens a checkpoint, and checks the origin", () => {
    const note = signCheckpoint({ origin: "tocsin.test/log", size: 0, root: emptyRoot() }, signer);
    expect(note).toMatch(
      /^tocsin\.test\/log\n0\n47DEQpj8HBSa\+\/TImW\+5JCeuQeRkm5NMpJWZG3hSuFU=\n\n— tocsin\.test\/log \S+\n$/u,
    );
    expect(openCheckpoint(note, signer)).toEqual({ origin: "tocsin.test/log", size: 0, root: emptyRoot() });
    expect(openCheckpoint(note, signer, "other.origin/log")).toBeUndefined();
    expect(openCheckpoint(note.replace("\n0\n", "\n1\n"), signer)).toBeUndefined();
  });

  it("parses only well-formed bodies", () => {
    expect(parseCheckpointText("o\n01\nAippeebat6pa5MPl5F9+l3ESp+Y1k4INvsHsc4ok+Tw=\n")).toBeUndefined();
    expect(parseCheckpointText("o\n1\nAippeebat6pa5MPl5F9+l3ESp+Y1k4INvsHsc4ok+Tw\n")).toBeUndefined();
    expect(parseCheckpointText("o\n1\n")).toBeUndefined();
    expect(parseCheckpointText("")).toBeUndefined();
    expect(parseCheckpointText("o\n1\nAippeebat6pa5MPl5F9+l3ESp+Y1k4INvsHsc4ok+Tw=\next\n")?.size).toBe(1);
  });

  it("refuses an origin with a newline", () => {
    expect(() => checkpointText({ origin: "a\nb", size: 0, root })).toThrow(RangeError);
  });
});
