import { loadRulebook } from "../src/casefiles/read-rulebook.js";
import { readCaseFolder } from "../src/casefiles/read-case-folder.js";
import { replay, extractEvidence, assess } from "../src/engine/index.js";
const r = await loadRulebook("/work/main"); if (!r.ok) throw 1;
const c = await readCaseFolder("/work/main/cases/rwanda-1990-1994"); if (!c.ok) throw 2;
for (let k = 0; k < 3; k++) {
let t0 = performance.now();
extractEvidence(c.bundle, r.rulebook);
let t1 = performance.now();
replay(c.bundle, r.rulebook, { step: "day" });
let t2 = performance.now();
for (let i = 0; i < 100; i++) assess(c.bundle, r.rulebook, "1994-01-12");
let t3 = performance.now();
console.log("extract", t1 - t0, "replay", t2 - t1, "assess x100", t3 - t2);
}
