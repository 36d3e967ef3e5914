/**
 * The analyses of a case: warning → response ledger, commitments, mandate and capability gaps, naming monitor,
 * accountability tracker, and the Genocide Convention scorecard with its renderers. Pure: the bundle, an
 * as-of day and a level timeline come in as arguments.
 * @module
 */
export * from "./accountability/accountability.js";
export * from "./accountability/detention.js";
export * from "./accountability/sides.js";
export * from "./actor-names.js";
export * from "./case-analysis.js";
export * from "./commitments.js";
export * from "./evidence.js";
export * from "./gaps/capability-gaps.js";
export * from "./gaps/deployment-delays.js";
export * from "./gaps/gaps.js";
export * from "./gaps/mandate-gaps.js";
export * from "./ledger/duty-bearers.js";
export * from "./ledger/escalation.js";
export * from "./ledger/ledger.js";
export * from "./ledger/request-status.js";
export * from "./latest-known.js";
export * from "./level-span.js";
export * from "./median.js";
export * from "./naming/naming-monitor.js";
export * from "./report/escape.js";
export * from "./report/html.js";
export * from "./report/json.js";
export * from "./report/markdown.js";
export * from "./report/timeline-svg.js";
export * from "./scorecard/finding.js";
export * from "./scorecard/headlines.js";
export * from "./scorecard/scorecard.js";
export * from "./scorecard/timeline-events.js";
export * from "./evaluation/evaluate-case.js";
export * from "./evaluation/structural-factors.js";
export * from "./ledger/desk-board.js";
