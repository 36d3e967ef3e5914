import { describe, expect, it } from "vitest";
import { auc } from "../metrics/auc.js";
import { mulberry32 } from "../stats/random.js";
import { binColumns } from "./binning.js";
import { boostedContributions, boostedLink, fitBoostedTrees } from "./boosted-trees.js";
import { fitForest, forestContributions, forestProbability } from "./random-forest.js";
import { attributePath, leafOf } from "./histogram-tree.js";
import { growTree } from "./regression-tree.js";

describe("binColumns", () => {
  it("gives one bin per distinct value when there are few", () => {
    const b = binColumns(Float64Array.of(0, 1, 1, 0, 3), 5, 1, 32);
    expect(Array.from(b.edges[0]!)).toEqual([0, 1, 3]);
    expect(Array.from(b.codes)).toEqual([0, 1, 1, 0, 2]);
  });
  it("caps the number of bins by quantiles", () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => i);
    const b = binColumns(x, 100, 1, 4);
    expect(Array.from(b.edges[0]!)).toEqual([24, 49, 74, 99]);
    expect(b.codes[24]).toBe(0);
    expect(b.codes[25]).toBe(1);
  });
  it("handles empty input", () => {
    expect(binColumns(new Float64Array(0), 0, 0, 8).edges).toEqual([]);
  });
});

describe("growTree", () => {
  it("splits where the gradients change sign and values telescope along the path", () => {
    // Four rows, one predictor: gradients −1 for x ≤ 1, +1 above.
    const x = Float64Array.of(0, 1, 2, 3);
    const b = binColumns(x, 4, 1, 32);
    const g = Float64Array.of(-1, -1, 1, 1);
    const h = Float64Array.of(1, 1, 1, 1);
    const tree = growTree(b, 4, 1, g, h, Int32Array.of(0, 1, 2, 3), Uint8Array.of(1), {
      maxDepth: 1,
      lambda: 0,
      minChildHessian: 1,
      learningRate: 1,
    });
    expect(tree.feature).toEqual([0, -1, -1]);
    expect(tree.threshold[0]).toBe(1);
    expect(tree.value).toEqual([-0, 1, -1]);
    const out = new Float64Array(1);
    attributePath(tree, Float64Array.of(3), out);
    expect(out[0]).toBe(tree.value[leafOf(tree, Float64Array.of(3), 0, 1)]! - tree.value[0]!);
  });
});

describe("fitBoostedTrees", () => {
  const rng = mulberry32(5);
  const n = 600;
  const p = 3;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[j * n + i] = rng();
    y[i] = rng() < (x[i]! > 0.7 ? 0.6 : 0.05) ? 1 : 0;
  }
  const settings = {
    rounds: 60,
    learningRate: 0.1,
    maxDepth: 2,
    lambda: 1,
    minChildHessian: 1,
    subsample: 0.7,
    colsample: 1,
    maxBins: 16,
  };
  const model = fitBoostedTrees(x, n, p, y, settings, 1);
  const rows = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) rows[i * p + j] = x[j * n + i]!;

  it("is reproducible for a seed and finds the threshold", () => {
    expect(JSON.stringify(fitBoostedTrees(x, n, p, y, settings, 1))).toBe(JSON.stringify(model));
    const s = Float64Array.from({ length: n }, (_, i) => boostedLink(model, rows, i, p));
    expect(auc(s, y)!).toBeGreaterThan(0.8);
  });
  it("attributions sum to the log-odds minus base and root values", () => {
    const roots = model.trees.reduce((a, t) => a + t.value[0]!, model.base);
    for (const i of [0, 17, 333]) {
      const c = boostedContributions(model, rows.subarray(i * p, (i + 1) * p), p);
      expect(c.reduce((a, v) => a + v, 0) + roots).toBeCloseTo(boostedLink(model, rows, i, p), 10);
      // Only the informative predictor should matter much.
      expect(Math.abs(c[0]!)).toBeGreaterThan(Math.abs(c[1]!));
    }
  });
});

describe("fitForest", () => {
  const rng = mulberry32(9);
  const n = 300;
  const p = 3;
  const x = new Float64Array(n * p);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) x[j * n + i] = rng();
    y[i] = rng() < (x[n + i]! > 0.6 ? 0.7 : 0.05) ? 1 : 0;
  }
  const settings = { trees: 40, mtry: 2, minNodeSize: 5, maxBins: 16 };
  const forest = fitForest(x, n, p, y, settings, 4);
  const rows = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) rows[i * p + j] = x[j * n + i]!;

  it("is reproducible, ranks well in sample and gives probabilities in [0, 1]", () => {
    expect(JSON.stringify(fitForest(x, n, p, y, settings, 4))).toBe(JSON.stringify(forest));
    const s = Float64Array.from({ length: n }, (_, i) => forestProbability(forest, rows, i, p));
    expect(s.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(auc(s, y)!).toBeGreaterThan(0.8);
  });
  it("contributions sum to the probability minus the mean root value", () => {
    for (const i of [1, 50, 299]) {
      const { contributions, root } = forestContributions(forest, rows.subarray(i * p, (i + 1) * p), p);
      expect(contributions.reduce((a, v) => a + v, 0) + root).toBeCloseTo(
        forestProbability(forest, rows, i, p),
        12,
      );
    }
  });
});
