/**
 * The guard before a key file is created: never inside a git work tree that does not ignore it, where
 * `git add -A` would commit the install's keys. Outside any work tree nothing is asked; inside one, git itself
 * answers (`git check-ignore`, which also counts a tracked path as not ignored). Without git on the machine
 * nobody here can commit the key, and it is created.
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { StoreError } from "../store-error.js";

/** The work tree holding `dir` (the nearest folder upwards with a `.git` folder or file), if any. */
function workTreeOf(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** The nearest folder of `path` (itself or upwards) that exists. */
function nearestExisting(path: string): string {
  let d = path;
  while (!existsSync(d) && dirname(d) !== d) d = dirname(d);
  return d;
}

/** Options of {@link refuseUnignoredKeyFile}. */
export interface KeyFileGuardOptions {
  /** The git executable (default `git` on the PATH). */
  readonly git?: string;
}

/**
 * Refuse to create the key file `file` inside a git work tree that does not ignore it.
 * @example refuseUnignoredKeyFile("./tocsin.db.keys/field.key") // passes where `*.db.keys/` is ignored
 * @throws StoreError STORE_UNSAFE naming the file, the work tree and what to do; nothing is created.
 */
export function refuseUnignoredKeyFile(file: string, options: KeyFileGuardOptions = {}): void {
  const abs = resolve(file);
  const from = nearestExisting(dirname(abs));
  const top = workTreeOf(from);
  if (top === undefined) return;
  const r = spawnSync(options.git ?? "git", ["-C", from, "check-ignore", "-q", "--", abs], {
    encoding: "utf8",
    stdio: ["ignore", "ignore", "pipe"],
    timeout: 15_000,
  });
  if (r.error !== undefined) {
    // No git here: nobody on this machine can commit the key.
    if ((r.error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw cannotTell(abs, top, r.error.message);
  }
  if (r.status === 0) return;
  const said = (r.stderr ?? "").trim().split("\n")[0] ?? "";
  // A stray `.git` that is no repository: there is no work tree to commit to.
  if (r.status === 128 && /not a git repository/iu.test(said)) return;
  if (r.status !== 1) throw cannotTell(abs, top, said || `exit ${String(r.status)}`);
  const folder = dirname(abs) === top ? relative(top, abs) : `${relative(top, dirname(abs))}/`;
  throw new StoreError(
    "STORE_UNSAFE",
    `refusing to create the key file ${abs} inside the git work tree ${top}, which does not ignore it ` +
      `(\`git add -A\` would commit the key): add "${folder}" to ${join(top, ".gitignore")}, or keep the keys ` +
      "outside the work tree with TOCSIN_KEYS or --keys DIR; nothing was created",
  );
}

function cannotTell(abs: string, top: string, said: string): StoreError {
  return new StoreError(
    "STORE_UNSAFE",
    `cannot tell whether the git work tree ${top} ignores the key file ${abs} (git: ${said}): keep the keys ` +
      "outside the work tree with TOCSIN_KEYS or --keys DIR; nothing was created",
  );
}
