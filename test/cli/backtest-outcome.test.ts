// `tocsin backtest` on the real EWP file: base years whose outcome is not yet in the data are a usage error.
import { describe, expect, it } from "vitest";
import { hasSharedData, sharedPath } from "../support/shared-data.js";
import { runBin } from "./run-bin.js";

const ewp = sharedPath("data/ewp/prepared2024predictors-2025-09-03_upto2015.csv");

describe.skipIf(!hasSharedData("cli/backtest-outcome", [ewp]))(
  "tocsin backtest on the EWP file (skipped when the shared data is absent)",
  () => {
    it("exits 2 naming 2014 and 2015, which have no known two-year outcome, and prints no metrics", () => {
      const r = runBin(["backtest", "--data", ewp, "--from", "2014", "--to", "2015", "--no-store"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("base years 2014, 2015 have no known outcome at horizon 2");
      expect(r.stdout).toBe("");
    });
  },
);
