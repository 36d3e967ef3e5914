/**
 * The log's signing key on disk: generated once per install (never a default key), written with mode 0600
 * and refused when group or others can read it. The file holds one line in the form Go's note package uses,
 * `PRIVATE+KEY+<name>+<hex key id>+<base64(0x01 || seed)>`.
 * @module
 */
import { randomBytes } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { keyId, signerFromSeed, validKeyName, type NoteSigner } from "./signed-note.js";

/** A key file problem, with a stable code. Messages name the path, never the key. */
export class LogKeyError extends Error {
  constructor(
    readonly code: "KEY_EXISTS" | "KEY_MISSING" | "KEY_PERMISSIONS" | "KEY_MALFORMED",
    message: string,
  ) {
    super(message);
    this.name = "LogKeyError";
  }
}

/**
 * Create a new key file at `path` (fails if one exists: a key is never silently replaced).
 * @example generateLogKey("/var/lib/tocsin/log.key", "tocsin.example.org/log")
 */
export function generateLogKey(path: string, name: string): NoteSigner {
  if (!validKeyName(name))
    throw new LogKeyError("KEY_MALFORMED", "log key name must be non-empty, without spaces or '+'");
  const seed = randomBytes(32);
  const signer = signerFromSeed(name, seed);
  const line = `PRIVATE+KEY+${name}+${keyId(name, signer.publicKey).toString("hex")}+${Buffer.concat([Buffer.of(1), seed]).toString("base64")}\n`;
  try {
    writeFileSync(path, line, { mode: 0o600, flag: "wx" });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST")
      throw new LogKeyError("KEY_EXISTS", `log key file already exists: ${path}`);
    throw e;
  }
  return signer;
}

/** Read the key file at `path`; throws a {@link LogKeyError} when it is missing, readable by others or malformed. */
export function loadLogKey(path: string): NoteSigner {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch {
    throw new LogKeyError(
      "KEY_MISSING",
      `log key file not found: ${path} (create one with \`tocsin log init\`)`,
    );
  }
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    throw new LogKeyError(
      "KEY_PERMISSIONS",
      `log key file ${path} is readable by group or others: chmod 600 it`,
    );
  }
  const signer = parsePrivateKey(readFileSync(path, "utf8"));
  if (!signer)
    throw new LogKeyError("KEY_MALFORMED", `log key file ${path} is not a valid signed-note private key`);
  return signer;
}

/**
 * Parse `PRIVATE+KEY+<name>+<hex id>+<base64(0x01 || seed)>`; undefined when malformed or when the id does
 * not match the key. The base64 part may itself hold '+', so only the first four separators count.
 */
export function parsePrivateKey(text: string): NoteSigner | undefined {
  const m = /^PRIVATE\+KEY\+([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/u.exec(text.trim());
  if (!m) return undefined;
  const [, name, id, b64] = m as unknown as [string, string, string, string];
  const seed = Buffer.from(b64, "base64");
  if (!validKeyName(name) || seed.length !== 33 || seed[0] !== 1) return undefined;
  const signer = signerFromSeed(name, seed.subarray(1));
  return keyId(signer.name, signer.publicKey).toString("hex") === id ? signer : undefined;
}

/** Load the key at `path`, creating it first when absent (the first write of a new install). */
export function loadOrCreateLogKey(path: string, name: string): NoteSigner {
  try {
    return loadLogKey(path);
  } catch (e) {
    if (e instanceof LogKeyError && e.code === "KEY_MISSING") return generateLogKey(path, name);
    throw e;
  }
}
