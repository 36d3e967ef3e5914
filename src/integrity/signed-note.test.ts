import { describe, expect, it } from "vitest";
import { parsePrivateKey } from "./log-key.file.js";
import {
  decodeVerifierKey,
  encodeVerifierKey,
  keyId,
  openNote,
  signNote,
  signerFromSeed,
} from "./signed-note.js";

// The example key and note of the reference implementation (golang.org/x/mod/sumdb/note documentation).
const SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
const VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const NOTE = `${TEXT}\n— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`;

describe("signed-note (C2SP) with Ed25519", () => {
  it("reproduces the reference note byte for byte and derives the same verifier key", () => {
    const signer = parsePrivateKey(SKEY);
    expect(signer).toBeDefined();
    expect(encodeVerifierKey(signer!)).toBe(VKEY);
    expect(keyId("PeterNeumann", signer!.publicKey).toString("hex")).toBe("c74f20a3");
    expect(signNote(TEXT, signer!)).toBe(NOTE);
  });

  it("opens the reference note with the reference verifier key", () => {
    const v = decodeVerifierKey(VKEY);
    expect(openNote(NOTE, [v!])).toEqual({ text: TEXT, signedBy: ["PeterNeumann"] });
  });

  it("refuses a changed text, a changed signature, an unknown key and malformed notes", () => {
    const v = decodeVerifierKey(VKEY)!;
    expect(openNote(NOTE.replace("answer", "Answer"), [v])).toBeUndefined();
    expect(openNote(NOTE.replace("x08go", "x08gp"), [v])).toBeUndefined();
    expect(openNote(NOTE, [signerFromSeed("PeterNeumann", Buffer.alloc(32, 7))])).toBeUndefined();
    expect(openNote(NOTE, [])).toBeUndefined();
    expect(openNote("", [v])).toBeUndefined();
    expect(openNote(TEXT, [v])).toBeUndefined();
  });

  it("refuses malformed verifier keys", () => {
    expect(decodeVerifierKey("")).toBeUndefined();
    expect(decodeVerifierKey(VKEY.replace("c74f20a3", "c74f20a4"))).toBeUndefined();
    expect(decodeVerifierKey(VKEY.replace("ARpc", "AhPc"))).toBeUndefined();
    expect(
      decodeVerifierKey("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"),
    ).toBeUndefined();
  });

  it("refuses to sign a text without its final newline", () => {
    expect(() => signNote("no newline", parsePrivateKey(SKEY)!)).toThrow(RangeError);
  });
});
