/**
 * The gap analysis of a case as of a day: mandates, capabilities, deployment delays and drawdowns measured
 * against a risk-level timeline given as an argument.
 * @module
 */
import { asOf as asOfGate, type CaseBundle } from "../../domain/index.js";
import type { LevelSpan } from "../level-span.js";
import { capabilityGaps, type CapabilityGap } from "./capability-gaps.js";
import { deploymentDelays, drawdowns, type DeploymentDelay, type Drawdown } from "./deployment-delays.js";
import { mandateGaps, type MandateGap } from "./mandate-gaps.js";

export interface Gaps {
  readonly asOf: string;
  readonly mandates: readonly MandateGap[];
  readonly capabilities: readonly CapabilityGap[];
  readonly deploymentDelays: readonly DeploymentDelay[];
  readonly drawdowns: readonly Drawdown[];
}

/**
 * All gaps of a case, from the records known on `asOf` and the level timeline `levels`.
 * @example buildGaps(bundle, { asOf: "1994-07-31", levels }).mandates.filter((m) => m.gap)
 */
export function buildGaps(
  bundle: CaseBundle,
  options: { readonly asOf: string; readonly levels: readonly LevelSpan[] },
): Gaps {
  const r = asOfGate(bundle, options.asOf).records;
  return {
    asOf: options.asOf,
    mandates: mandateGaps(r.mandate, options.levels, options.asOf),
    capabilities: capabilityGaps(r.capability, options.levels, options.asOf),
    deploymentDelays: deploymentDelays(r.mandate, options.levels, options.asOf, r.actor),
    drawdowns: drawdowns(r.response, r.capability, options.levels, options.asOf),
  };
}
