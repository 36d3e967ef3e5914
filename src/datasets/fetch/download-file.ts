/**
 * Download a URL to a file while hashing it (SHA-256), with Node's fetch (undici). A failure leaves no file behind
 * and says in one line what went wrong: the network could not be reached (offline), the server refused, the body
 * was too large or could not be written.
 * @module
 */
import { createHash } from "node:crypto";
import { open, rm } from "node:fs/promises";

/** Why a download failed; `OFFLINE` covers every failure to reach the host (DNS, refused, unreachable, timeout). */
export type DownloadFailure = "BAD_URL" | "OFFLINE" | "HTTP" | "TOO_LARGE" | "WRITE";

export class DownloadError extends Error {
  constructor(
    message: string,
    readonly code: DownloadFailure,
  ) {
    super(message);
    this.name = "DownloadError";
  }
}

export interface DownloadOptions {
  /** Whole-download time limit (default 60 s). */
  readonly timeoutMs?: number;
  /** Largest body accepted (default 256 MiB): a wrong URL must not fill the disk. */
  readonly maxBytes?: number;
}

/** Error codes of a host that cannot be reached (Node's system errors and undici's own). */
const UNREACHABLE = new Set([
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNREFUSED",
  "ECONNRESET",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "ENETDOWN",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_SOCKET",
]);

/**
 * Fetch `url` into `dest` (created or replaced), hashing the bytes as they arrive.
 * @returns the SHA-256 (hex) and size of what was written.
 * @throws DownloadError, after removing any partial file.
 * @example const { sha256 } = await downloadToFile("https://example.org/a.csv", "/tmp/a.csv.part")
 */
export async function downloadToFile(
  url: string,
  dest: string,
  opts: DownloadOptions = {},
): Promise<{ readonly sha256: string; readonly bytes: number }> {
  const target = parseHttpUrl(url);
  const maxBytes = opts.maxBytes ?? 256 * 1024 * 1024;
  let res: Response;
  try {
    res = await fetch(target, { signal: AbortSignal.timeout(opts.timeoutMs ?? 60_000), redirect: "follow" });
  } catch (e) {
    throw unreachable(target, e);
  }
  if (!res.ok) {
    await res.body?.cancel();
    const status = [String(res.status), res.statusText].filter((t) => t !== "").join(" ");
    throw new DownloadError(`${target.host} answered ${status} for ${target.href}`, "HTTP");
  }
  const hash = createHash("sha256");
  let bytes = 0;
  let file;
  try {
    file = await open(dest, "w");
  } catch (e) {
    throw new DownloadError(`cannot write ${dest} (${codeOf(e) ?? "error"})`, "WRITE");
  }
  try {
    const reader = res.body?.getReader();
    for (let r = await reader?.read(); r !== undefined && !r.done; r = await reader?.read()) {
      const chunk = r.value;
      bytes += chunk.byteLength;
      if (bytes > maxBytes) {
        await reader?.cancel();
        throw new DownloadError(`${target.href} is larger than ${maxBytes} bytes: stopped`, "TOO_LARGE");
      }
      hash.update(chunk);
      await file.write(chunk);
    }
    await file.sync();
  } catch (e) {
    await file.close().catch(() => undefined);
    await rm(dest, { force: true });
    if (e instanceof DownloadError) throw e;
    const code = codeOf(e);
    if (code !== undefined && !UNREACHABLE.has(code) && !isAbort(e))
      throw new DownloadError(`cannot write ${dest} (${code})`, "WRITE");
    throw unreachable(target, e);
  }
  await file.close();
  return { sha256: hash.digest("hex"), bytes };
}

/** An http(s) URL, or a BAD_URL error. */
function parseHttpUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new DownloadError(`"${url}" is not a URL`, "BAD_URL");
  }
  if (u.protocol !== "https:" && u.protocol !== "http:")
    throw new DownloadError(`"${url}" is not an http(s) URL`, "BAD_URL");
  return u;
}

/** The one-line OFFLINE error for a failed connection or a timeout. */
function unreachable(u: URL, e: unknown): DownloadError {
  const why = isAbort(e) ? "timed out" : (codeOf(e) ?? (e instanceof Error ? e.message : String(e)));
  return new DownloadError(`offline: cannot reach ${u.host} (${why})`, "OFFLINE");
}

/** A timeout or abort (AbortSignal.timeout raises a TimeoutError DOMException). */
function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === "TimeoutError" || e.name === "AbortError");
}

/** The system or undici error code of `e` or of its causes (fetch wraps them: TypeError "fetch failed"). */
function codeOf(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    const code = (c as NodeJS.ErrnoException).code;
    if (typeof code === "string") return code;
    // A connection error may come as an AggregateError (IPv4 and IPv6 both refused).
    if (c instanceof AggregateError && c.errors[0] instanceof Error) {
      const inner = (c.errors[0] as NodeJS.ErrnoException).code;
      if (typeof inner === "string") return inner;
    }
  }
  return undefined;
}
