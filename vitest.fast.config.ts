// `npm run test:fast`: the quick loop for everyday work. The unit tests beside the code (src/**) of the core and
// the adapters, without the slow ones: the integration suites under test/ (crash, browser, PostgreSQL, CLI
// end-to-end, fresh clone) and the few src suites that import whole files or run the CLI are left to `npm test`.
import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/** src suites that take seconds each (measured): CLI end-to-end imports, huge inputs, chunked imports. */
const SLOW = [
  "src/cli/import.command.test.ts",
  "src/importers/input/csv-tokenizer.huge.test.ts",
  "src/importers/input/huge-record.import.test.ts",
  "src/importers/pipeline/batch-chunks.test.ts",
];

// Spread, not mergeConfig: merging would append these globs to the base's instead of replacing them.
export default defineConfig({
  test: {
    ...base.test,
    include: ["src/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...SLOW],
    // Worker threads in one module graph (no per-file isolation) start far faster than forked processes; these
    // suites hold no process-wide state, and `npm test` still runs each file isolated.
    pool: "threads",
    isolate: false,
  },
});
