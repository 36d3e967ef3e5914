/**
 * What every CLI command receives from the composition root: output streams and defaults read from the
 * environment there (never here).
 * @module
 */
import type { CliIo } from "./io.js";

export interface CliContext {
  readonly io: CliIo;
  /** Default store location: `TOCSIN_DB` or `./tocsin.db`. A `postgres://` URL selects PostgreSQL. */
  readonly defaultDb: string;
  /** Default HTTP port: `PORT` or 8787. */
  readonly defaultPort: number;
  /** The package root (where `cases/`, `rulebook/` and `web/dist/` live). */
  readonly packageRoot: string;
}
