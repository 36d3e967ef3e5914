/**
 * Redaction of a rejected row's raw text before it goes to the rejects file: a Tocsin JSON-lines row may
 * carry a confidential source's protected identity (name, contact, exact place, device, description), which
 * must never leave the store in clear — not even in a file of rows that failed to import.
 * @module
 */

/** What replaces an identifying value. */
export const REDACTED = "[redacted]";

/** The identity fields a confidential source carries (in `protectedIdentity`, or loose on the source). */
const IDENTITY_FIELDS: ReadonlySet<string> = new Set([
  "name",
  "contact",
  "exactPlace",
  "device",
  "description",
]);

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function redactAll(v: Json): Json {
  if (Array.isArray(v)) return v.map(redactAll);
  if (v !== null && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, redactAll(x)]));
  return REDACTED;
}

function walk(v: Json): { value: Json; changed: boolean } {
  if (Array.isArray(v)) {
    const parts = v.map(walk);
    return { value: parts.map((p) => p.value), changed: parts.some((p) => p.changed) };
  }
  if (v === null || typeof v !== "object") return { value: v, changed: false };
  const confidential = v.confidential === true;
  let changed = false;
  const out: { [k: string]: Json } = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === "protectedIdentity" || (confidential && IDENTITY_FIELDS.has(k))) {
      out[k] = redactAll(x);
      changed = true;
    } else {
      const r = walk(x);
      out[k] = r.value;
      changed ||= r.changed;
    }
  }
  return { value: out, changed };
}

/**
 * The raw text of a rejected row as it may be written out: unchanged unless it holds a protected identity.
 * A JSON row with `protectedIdentity` (anywhere) has its values replaced by {@link REDACTED}, and so do the
 * identity fields of any object marked `confidential: true`; a row that mentions a protected identity but
 * does not parse is withheld whole.
 * @example redactRaw('{"record":{"protectedIdentity":{"name":"X"}}}') // '{"record":{"protectedIdentity":{"name":"[redacted]"}}}'
 */
export function redactRaw(raw: string): string {
  const mentions = raw.includes("protectedIdentity") || /"confidential"\s*:\s*true/.test(raw);
  if (!mentions) return raw;
  let parsed: Json;
  try {
    parsed = JSON.parse(raw) as Json;
  } catch {
    return `${REDACTED} (row withheld: it mentions a protected identity and is not valid JSON)`;
  }
  const r = walk(parsed);
  return r.changed ? JSON.stringify(r.value) : raw;
}
