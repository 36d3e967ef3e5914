/** `npm run schema [ROOT]`: the entry that reads argv and writes the case-file JSON Schemas under ROOT. @module */
import { writeJsonSchemas } from "../casefiles/write-json-schema.js";

for (const path of await writeJsonSchemas(process.argv[2] ?? ".")) console.error(`wrote ${path}`);
