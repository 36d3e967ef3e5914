#!/usr/bin/env node
// Entry point of the `tocsin` command: runs the compiled CLI (npm install builds it).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/app/main.js", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write("tocsin: not built yet; run `npm run build` (npm install does it for you).\n");
  process.exit(2);
}
await import(main.href);
