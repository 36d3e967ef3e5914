/**
 * Checkpoints in the C2SP tlog-checkpoint format (c2sp.org/tlog-checkpoint): origin line, decimal tree size,
 * base64 root hash, then the signed-note signatures. A checkpoint others hold makes a rewritten history
 * detectable: no consistency proof can join it to a forged tree.
 * @module
 */
import { HASH_SIZE } from "./merkle-hash.js";
import { openNote, signNote, type NoteSigner, type NoteVerifier } from "./signed-note.js";

/** The body of a checkpoint. */
export interface Checkpoint {
  /** The log's unique name, conventionally a schema-less URL such as `tocsin.example.org/log`. */
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
}

/** The checkpoint body as text (three lines, each ending in a newline). */
export function checkpointText(cp: Checkpoint): string {
  if (cp.origin.length === 0 || /[\n\r]/u.test(cp.origin))
    throw new RangeError("checkpointText: the origin is one non-empty line");
  return `${cp.origin}\n${cp.size}\n${cp.root.toString("base64")}\n`;
}

/**
 * Sign a checkpoint with the log key.
 * @example signCheckpoint({ origin: "example.org/log", size: 0, root: emptyRoot() }, signer)
 */
export function signCheckpoint(cp: Checkpoint, signer: NoteSigner): string {
  return signNote(checkpointText(cp), signer);
}

/** Parse the body lines of a checkpoint; undefined when they are not origin / size / 32-byte base64 root. */
export function parseCheckpointText(text: string): Checkpoint | undefined {
  const lines = text.split("\n");
  if (lines.length < 4 || lines[lines.length - 1] !== "") return undefined;
  const [origin, sizeText, rootText] = lines as [string, string, string];
  if (origin.length === 0 || !/^(0|[1-9][0-9]*)$/u.test(sizeText)) return undefined;
  const size = Number(sizeText);
  const root = Buffer.from(rootText, "base64");
  if (!Number.isSafeInteger(size) || root.length !== HASH_SIZE || root.toString("base64") !== rootText)
    return undefined;
  return { origin, size, root };
}

/** Verify a signed checkpoint against the log's key (and origin, when given); undefined when it does not verify. */
export function openCheckpoint(
  note: string,
  verifier: NoteVerifier,
  origin?: string,
): Checkpoint | undefined {
  const opened = openNote(note, [verifier]);
  if (!opened) return undefined;
  const cp = parseCheckpointText(opened.text);
  if (!cp || (origin !== undefined && cp.origin !== origin)) return undefined;
  return cp;
}
