/**
 * Builds the business app (app/dist) when it is missing or older than anything it is built from:
 * its sources, its config, and the engine (the form evaluates expressions with it). `npm start`
 * runs it first, and so do the browser tests (vitest globalSetup), so a fresh clone needs no
 * separate build step and a stale bundle is never served or tested.
 *
 *   tsx app/scripts/ensure-built.ts
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const APP = fileURLToPath(new URL("..", import.meta.url));
const ROOT = path.dirname(APP);
const BUILT = path.join(APP, "dist", "index.html");
const SOURCES = [
  path.join(APP, "src"),
  path.join(APP, "index.html"),
  path.join(APP, "vite.config.ts"),
  path.join(APP, "package.json"),
  path.join(ROOT, "engine", "src"),
];

/** The newest modification time under the paths (0 when none exists). */
function newest(paths: readonly string[]): number {
  let latest = 0;
  for (const entry of paths) {
    const stat = statSync(entry, { throwIfNoEntry: false });
    if (!stat) continue;
    latest = Math.max(
      latest,
      stat.isDirectory()
        ? newest(readdirSync(entry).map((name) => path.join(entry, name)))
        : stat.mtimeMs,
    );
  }
  return latest;
}

/** Is the build there and newer than every source? */
export function appBuildIsCurrent(): boolean {
  const built = statSync(BUILT, { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= newest(SOURCES);
}

export function ensureAppBuilt(log: (line: string) => void = console.log): void {
  if (appBuildIsCurrent()) return;
  log("building the business app (app/dist)…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["run", "build", "--workspace", "@loom/app"], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    // vitest sets NODE_ENV=test, which would bundle React's development build
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0)
    throw new Error(`building the app failed (exit ${result.status ?? result.signal})`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    ensureAppBuilt();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
