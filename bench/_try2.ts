import { loadRulebook } from "../src/casefiles/read-rulebook.js";
import { readCaseFolder } from "../src/casefiles/read-case-folder.js";
import { assess } from "../src/engine/index.js";
const r = await loadRulebook("/work/main");
if (!r.ok) { console.log(r.problems); process.exit(1); }
const c = await readCaseFolder("/work/main/cases/rwanda-1990-1994");
if (!c.ok) { console.log(c.problems.slice(0,10)); process.exit(1); }
for (const d of process.argv.slice(2)) {
  for (const a of assess(c.bundle, r.rulebook, d)) {
    console.log(d, a.situation.id, a.level, a.score, a.stage?.name);
    for (const f of a.indicators) console.log("   ", f.indicator, f.strength, f.points, f.evidence.map(e => `${e.record}:${e.grade ?? "?"}:${e.weight}`).join(" "));
  }
}
