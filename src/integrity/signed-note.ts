/**
 * C2SP signed notes (c2sp.org/signed-note) with Ed25519 keys: a text, a blank line, then one signature
 * line per signer, `— <name> <base64(key id || signature)>`. The key id is the first 4 bytes of
 * SHA-256(name || 0x0A || 0x01 || public key), 0x01 being the Ed25519 signature type.
 * @module
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";

/** The Ed25519 signature type byte of signed-note. */
const ED25519 = 0x01;
/** DER prefixes that wrap a raw 32-byte Ed25519 key as PKCS#8 and SPKI, so node:crypto can import it. */
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

/** A verifier: who signs (the key name) and the raw public key. */
export interface NoteVerifier {
  readonly name: string;
  readonly publicKey: Buffer;
}

/** A signer: a verifier plus its private key. */
export interface NoteSigner extends NoteVerifier {
  readonly privateKey: KeyObject;
}

/** Why a key name is refused: signed-note names are non-empty and hold no whitespace and no `+`. */
export function validKeyName(name: string): boolean {
  return name.length > 0 && !/[\s+]/u.test(name);
}

/** The 4-byte key id of signed-note for an Ed25519 key. */
export function keyId(name: string, publicKey: Buffer): Buffer {
  return createHash("sha256")
    .update(Buffer.from(name, "utf8"))
    .update(Buffer.of(0x0a, ED25519))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** The verifier key string `name+hex(id)+base64(0x01||pubkey)` (the form Go's golang.org/x/mod/sumdb/note reads). */
export function encodeVerifierKey(v: NoteVerifier): string {
  return `${v.name}+${keyId(v.name, v.publicKey).toString("hex")}+${Buffer.concat([Buffer.of(ED25519), v.publicKey]).toString("base64")}`;
}

/** Parse a verifier key string; undefined when malformed or when its id does not match its key. */
export function decodeVerifierKey(text: string): NoteVerifier | undefined {
  // The base64 key may itself hold '+': split off the name and the id only.
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/u.exec(text.trim());
  if (!m) return undefined;
  const [, name, idHex, keyB64] = m as unknown as [string, string, string, string];
  const raw = Buffer.from(keyB64, "base64");
  if (!validKeyName(name) || raw.toString("base64") !== keyB64 || raw.length !== 33 || raw[0] !== ED25519)
    return undefined;
  const publicKey = raw.subarray(1);
  return keyId(name, publicKey).toString("hex") === idHex ? { name, publicKey } : undefined;
}

/** Import a signer from its name and the 32-byte Ed25519 seed. */
export function signerFromSeed(name: string, seed: Buffer): NoteSigner {
  if (!validKeyName(name)) throw new RangeError(`signerFromSeed: invalid key name`);
  if (seed.length !== 32) throw new RangeError(`signerFromSeed: an Ed25519 seed has 32 bytes`);
  const privateKey = createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: "der",
    type: "pkcs8",
  });
  const spki = createPublicKey(privateKey).export({ format: "der", type: "spki" });
  return { name, publicKey: Buffer.from(spki.subarray(spki.length - 32)), privateKey };
}

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" });
}

/**
 * Sign `text` (which must end in a newline) and return the whole signed note.
 * @example signNote("hello\n", signer) // "hello\n\n— name AbCd...\n"
 */
export function signNote(text: string, signer: NoteSigner): string {
  if (!text.endsWith("\n") || text.includes("\n\n"))
    throw new RangeError("signNote: the text must end in one newline and hold no blank line");
  const sig = sign(null, Buffer.from(text, "utf8"), signer.privateKey);
  const blob = Buffer.concat([keyId(signer.name, signer.publicKey), sig]).toString("base64");
  return `${text}\n— ${signer.name} ${blob}\n`;
}

/** A note that verified: its text and the names of the known keys whose signature was valid. */
export interface OpenedNote {
  readonly text: string;
  readonly signedBy: readonly string[];
}

/**
 * Split a signed note and check its signatures against the known verifiers. Returns undefined when the
 * note is malformed or no known key signed it validly (unknown signers are ignored, as signed-note says).
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote | undefined {
  const split = note.lastIndexOf("\n\n");
  if (split < 0 || !note.endsWith("\n")) return undefined;
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split("\n");
  const signedBy: string[] = [];
  for (const line of lines) {
    const m = /^— (\S+) (\S+)$/u.exec(line);
    if (!m) return undefined;
    const [, name, b64] = m as unknown as [string, string, string];
    const blob = Buffer.from(b64, "base64");
    if (blob.toString("base64") !== b64 || blob.length !== 4 + 64) return undefined;
    for (const v of verifiers) {
      if (v.name !== name || !keyId(v.name, v.publicKey).equals(blob.subarray(0, 4))) continue;
      if (verify(null, Buffer.from(text, "utf8"), publicKeyObject(v.publicKey), blob.subarray(4)))
        signedBy.push(name);
    }
  }
  return signedBy.length > 0 ? { text, signedBy } : undefined;
}
