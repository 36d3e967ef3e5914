/**
 * The model registry: every model by name, and the default chosen by rolling-origin evaluation on base years
 * ≤ 2013 (docs/forecast.md has the comparison table).
 * @module
 */
import { boostedTreesModel } from "./boosted-trees.model.js";
import { elasticNetModel } from "./elastic-net.model.js";
import { makeEnsemble } from "./ensemble.model.js";
import { type ForecastModel, asRegistered } from "./model.js";
import { randomForestModel } from "./random-forest.model.js";

const enet = asRegistered(elasticNetModel);
const gbt = asRegistered(boostedTreesModel);
const rf = asRegistered(randomForestModel);

/** Registered models by name. */
export const MODELS: Readonly<Record<string, ForecastModel>> = {
  [enet.name]: enet,
  [gbt.name]: gbt,
  [rf.name]: rf,
  ensemble: asRegistered(makeEnsemble("ensemble", "1.0.0", [enet, gbt, rf])),
  "enet-gbt": asRegistered(makeEnsemble("enet-gbt", "1.0.0", [enet, gbt])),
};

/** The default model's name. */
export const DEFAULT_MODEL = "ensemble";

/**
 * The model called `name`, or undefined.
 * @example getModel("ewp-enet")?.version // "1.0.0"
 */
export function getModel(name: string): ForecastModel | undefined {
  return Object.hasOwn(MODELS, name) ? MODELS[name] : undefined;
}
