// A store with the synthetic case loaded, a movable clock and the desk's dependencies, for the desk suites.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { deskKeyFrom, type Clock } from "../../src/desk/index.js";
import { loadCase, type Store } from "../../src/storage/index.js";
import { syntheticBundle } from "../storage/fixtures.js";
import { openTestStore, TEST_FIELD_KEY } from "../storage/store-targets.js";

/** A clock tests move by hand. */
export interface MovableClock {
  readonly clock: Clock;
  set(iso: string): void;
  advance(ms: number): void;
}

export function movableClock(start: string): MovableClock {
  let t = Date.parse(start);
  return {
    clock: () => new Date(t),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export const DESK_KEY = deskKeyFrom(TEST_FIELD_KEY);
export const CASE_ID = "xvl-test";

/** A fresh SQLite store holding the synthetic case ("un-mission" → "un-hq" escalation chain). */
export async function deskStore(): Promise<{ store: Store; dir: string; done: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "tocsin-desk-"));
  const store = await openTestStore(path.join(dir, "store.db"));
  await loadCase(store, syntheticBundle());
  return {
    store,
    dir,
    done: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
