/** SHA-256 of a file's bytes, streamed (constant memory). @module */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/**
 * Hex SHA-256 of the file at `path` as stored on disk (the archive itself for `.zip`/`.gz`).
 * @example await fileSha256("events.csv") // "9f86d0…"
 */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest("hex");
}
