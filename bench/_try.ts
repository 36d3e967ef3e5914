import { loadRulebook } from "../src/casefiles/read-rulebook.js";
import { readCaseFolder } from "../src/casefiles/read-case-folder.js";
import { replay } from "../src/engine/index.js";
const r = await loadRulebook("/work/main");
if (!r.ok) { console.log(r.problems); process.exit(1); }
const c = await readCaseFolder(process.argv[2] ?? "/work/main/cases/rwanda-1990-1994");
if (!c.ok) { console.log(c.problems.slice(0,10)); process.exit(1); }
const t0 = performance.now();
const res = replay(c.bundle, r.rulebook, { step: (process.argv[3] ?? "day") as "day" });
console.log("ms", performance.now() - t0, "steps", res.steps);
for (const a of res.alerts) console.log(a.date, a.situation.id, a.previousLevel, "->", a.level, a.score, a.reasons.slice(1,3).join(" | "));
console.log(res.firstDateByLevel, res.evaluation?.leadTimeDays);
