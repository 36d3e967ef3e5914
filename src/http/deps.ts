/**
 * What the HTTP app needs from the outside, injected by the composition root (or a test): the store, and
 * later the pieces accounts will add (who is asking). Nothing here reads the environment or the clock.
 * @module
 */
import type { Clock } from "../desk/index.js";
import type { Store } from "../storage/index.js";
import type { AnalysisInputs } from "./case-analysis.js";
import type { Viewer } from "./redact.js";
import type { HttpSecurity } from "./http-security.js";
import type { CredentialState } from "../security/auth.middleware.js";
import type { Denial } from "../security/denial-audit.js";
import type { Principal } from "../security/principal.js";
import type { LiveUpdates } from "./live/live-updates.js";
import type { ReadCacheLimits } from "./cache/read-cache-limits.js";

export interface HttpDeps {
  readonly store: Store;
  /** The package version shown by /api/health. */
  readonly version?: string;
  /** Folder of the built dashboard (`web/dist`); when absent only the API is served. */
  readonly webRoot?: string;
  /** Largest request body accepted, in bytes (default 64 KiB): larger answers 413. */
  readonly maxBodyBytes?: number;
  /** Who is asking; accounts (issue 8) will resolve a session here. Default: the anonymous, redacted viewer. */
  readonly viewerOf?: (req: Request) => Viewer | Promise<Viewer>;
  /** The rulebook and lexicon the analyses use; without them the engine's and the naming monitor's answers are 503. */
  readonly analysis?: AnalysisInputs;
  /**
   * Bounds of the read caches (analyses and serialised answers, kept per store version: see
   * http/cache/read-cache.ts). Default: 256 answers, 16 analyses.
   */
  readonly readCache?: ReadCacheLimits;
  /**
   * Accounts, sessions, the instance mode (public / private), the log proof routes and the dual-control reveal
   * (issue 8). Without it the app has no login and everyone is the anonymous, redacted viewer.
   */
  readonly security?: HttpSecurity;
  /**
   * Told after each committed write, and the source of GET /api/events (issue 15). Default: an event hub that
   * publishes record events only; the composition root passes the live assessor (levels and alerts).
   */
  readonly live?: LiveUpdates;
  /**
   * The warning desk (issue 16): the one clock and the desk key. With it the answer pages (/answer/{token}) are
   * served, and with accounts the issue/deliveries routes too.
   */
  readonly desk?: { readonly clock: Clock; readonly deskKey: Buffer };
  /** Where unexpected errors are reported (never to the client). */
  readonly log?: (message: string) => void;
}

/** Hono context variables set by the app's middleware. */
export interface HttpEnv {
  Variables: {
    viewer: Viewer;
    principal: Principal | undefined;
    /** Whether the request carried a credential (set by `authenticate`; never its value). */
    credential: CredentialState | undefined;
    /** Why the request was refused, for the denial audit (security/denial-audit.ts). */
    denial: Denial | undefined;
    /** Ids of confidential sources: citations to them lose their locator for a viewer not entitled. */
    confidentialSources: ReadonlySet<string>;
    /** The store version this request reads at, once read (http/cache/cached-answer.ts `requestVersion`). */
    storeVersion: string | undefined;
  };
}
