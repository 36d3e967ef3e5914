// Lint rules, including the import rules of docs/ARCHITECTURE.md: imports point inward.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Build a no-restricted-imports rule that forbids the given layers (folder names under src/) and packages. */
function forbid(layers, packages, why) {
  const patterns = [];
  if (layers.length > 0) {
    patterns.push({ regex: `(^|/)(${layers.join("|")})(/|$)`, message: why });
  }
  for (const p of packages) patterns.push({ regex: `^${p.replace(/[/.]/g, "\\$&")}(/|$)`, message: why });
  return ["error", { patterns }];
}

const adapters = [
  "desk",
  "storage",
  "importers",
  "http",
  "cli",
  "notify",
  "casefiles",
  "app",
  "contracts",
  "datasets",
];
const io = [
  "node:fs",
  "node:fs/promises",
  "node:net",
  "node:http",
  "node:child_process",
  "fs",
  "zod",
  "kysely",
  "hono",
  "better-sqlite3",
  "pg",
];
const core = ["domain", "engine", "forecast", "analysis"];

/** process.env and process.argv are read only by the composition root (src/app). */
const processOutsideApp = [
  {
    selector: "MemberExpression[object.name='process'][property.name='env']",
    message: "only the composition root (src/app) reads process.env",
  },
  {
    selector: "MemberExpression[object.name='process'][property.name='argv']",
    message: "only the composition root (src/app) reads process.argv",
  },
];

/** The pure core never reads the clock: it takes dates as arguments. */
const clockInCore = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: "the pure core never reads the clock: take the date as an argument",
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: "the pure core never reads the clock: take the date as an argument",
  },
];

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "web/dist/**",
      "node_modules/**",
      "coverage/**",
      "bench/out/**",
      "test-artifacts/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly" },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [...adapters, "engine", "forecast", "analysis"],
        io,
        "domain is the pure core: it imports nothing but itself",
      ),
    },
  },
  {
    files: ["src/engine/**/*.ts", "src/analysis/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [...adapters, "forecast"],
        io,
        "engine and analysis are pure: domain only, no I/O, no zod",
      ),
    },
  },
  {
    files: ["src/forecast/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [...adapters, "engine", "analysis"],
        io,
        "forecast is pure: no I/O, no adapters",
      ),
    },
  },
  {
    files: ["src/contracts/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [
          "storage",
          "importers",
          "http",
          "cli",
          "notify",
          "casefiles",
          "app",
          "engine",
          "analysis",
          "forecast",
        ],
        [],
        "contracts hold schemas only: they may import domain and zod",
      ),
    },
  },
  {
    files: [
      "src/storage/**/*.ts",
      "src/importers/**/*.ts",
      "src/casefiles/**/*.ts",
      "src/notify/**/*.ts",
      "src/desk/**/*.ts",
    ],
    rules: {
      "no-restricted-imports": forbid(
        ["http", "cli", "app"],
        [],
        "adapters do not import the delivery layers or the composition root",
      ),
    },
  },
  {
    files: ["src/datasets/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        ["storage", "importers", "http", "cli", "notify", "casefiles", "app"],
        [],
        "datasets read data files into core types; they do not import other adapters",
      ),
    },
  },
  {
    files: ["src/http/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        ["cli", "app"],
        [],
        "http does not import the CLI or the composition root",
      ),
    },
  },
  {
    files: ["src/integrity/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [...adapters, ...core, "security"],
        ["zod", "kysely", "hono", "better-sqlite3", "pg"],
        "integrity is the Merkle log's maths and signatures: node:crypto and itself only (key files via node:fs)",
      ),
    },
  },
  {
    files: ["src/security/**/*.ts"],
    rules: {
      "no-restricted-imports": forbid(
        [
          "storage",
          "importers",
          "cli",
          "notify",
          "casefiles",
          "app",
          "http",
          "engine",
          "analysis",
          "forecast",
        ],
        ["kysely", "better-sqlite3", "pg"],
        "security holds crypto and auth primitives (and Hono middleware): no storage, no delivery layer",
      ),
    },
  },
  {
    // The dashboard talks to the HTTP API only, and never turns data into HTML (XSS): no innerHTML & co.
    files: ["web/src/**/*.ts", "web/src/**/*.tsx"],
    rules: {
      "no-restricted-imports": forbid(
        [...core, ...adapters],
        ["node:fs", "node:fs/promises", "node:child_process", "fs"],
        "the dashboard uses the HTTP API, not server code",
      ),
      "no-restricted-syntax": [
        "error",
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: "never render data as HTML",
        },
        {
          selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
          message: "never render data as HTML",
        },
        {
          selector: "CallExpression[callee.property.name=/^(insertAdjacentHTML|write|writeln)$/]",
          message: "never render data as HTML",
        },
        {
          selector: "CallExpression[callee.name='eval'], NewExpression[callee.name='Function']",
          message: "the CSP forbids eval",
        },
      ],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/app/**/*.ts", "src/**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", ...processOutsideApp] },
  },
  {
    // Listed after the src/** block because flat config replaces, not merges, a rule's options.
    files: core.map((l) => `src/${l}/**/*.ts`),
    ignores: ["src/**/*.test.ts"],
    rules: { "no-restricted-syntax": ["error", ...processOutsideApp, ...clockInCore] },
  },
);
