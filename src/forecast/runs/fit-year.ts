/**
 * Fit a model on one prepared base year, naming that year when the fit cannot be done on this input.
 * @module
 */
import { GlmnetError } from "../glmnet/glmnet.js";
import type { ForecastModel, ModelParams } from "../models/model.js";
import { ForecastError } from "./forecast-error.js";
import type { PreparedYear } from "./prepare-year.js";

/**
 * `model.fit` on the base year's training set, seeded by the base year. glmnet's own input errors (e.g. a
 * cross-validation fold left with one class) become a {@link ForecastError} whose message starts with the base year,
 * so a backtest over many years says which one failed.
 * @example fitYear(elasticNetModel, prepareYear(table, 2013, 2)).model // "ewp-enet"
 */
export function fitYear(model: ForecastModel, prep: PreparedYear): ModelParams {
  try {
    return model.fit(prep.train, { seed: prep.baseYear });
  } catch (e) {
    if (e instanceof GlmnetError)
      throw new ForecastError(`base year ${prep.baseYear}: ${model.name}: ${e.message}`, "model_cannot_fit");
    throw e;
  }
}
