/**
 * Builds the browser apps — the business app (app/dist) and the designer (designer/dist) — each
 * when it is missing or older than anything it is built from: its sources, its config, and the
 * engine (both evaluate expressions with it; the designer builds on the app's code too). `npm
 * start` runs it first, and so do the browser tests (vitest globalSetup), so a fresh clone needs
 * no separate build step and a stale bundle is never served or tested.
 *
 *   tsx app/scripts/ensure-built.ts
 */
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const APP = fileURLToPath(new URL("..", import.meta.url));
const ROOT = path.dirname(APP);
const DESIGNER = path.join(ROOT, "designer");

/** A workspace vite builds into `<dir>/dist`, and the folders and files it is built from. */
interface BuiltApp {
  readonly title: string;
  readonly workspace: string;
  readonly dir: string;
  readonly sources: readonly string[];
}

/** A vite workspace's own sources: its code, page, config and dependencies. */
function ownSources(dir: string): string[] {
  return ["src", "index.html", "vite.config.ts", "package.json"].map((name) =>
    path.join(dir, name),
  );
}

const ENGINE = path.join(ROOT, "engine", "src");

export const BUILT_APPS: readonly BuiltApp[] = [
  {
    title: "the business app (app/dist)",
    workspace: "@loom/app",
    dir: APP,
    sources: [...ownSources(APP), ENGINE],
  },
  {
    title: "the designer (designer/dist)",
    workspace: "@loom/designer",
    dir: DESIGNER,
    sources: [...ownSources(DESIGNER), ...ownSources(APP), ENGINE],
  },
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
export function isBuildCurrent(app: BuiltApp): boolean {
  const built = statSync(path.join(app.dir, "dist", "index.html"), { throwIfNoEntry: false });
  return built !== undefined && built.mtimeMs >= newest(app.sources);
}

/** Builds every app of BUILT_APPS that is missing or stale. */
export function ensureBuilt(log: (line: string) => void = console.log): void {
  for (const app of BUILT_APPS) {
    if (isBuildCurrent(app)) continue;
    log(`building ${app.title}…`);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const result = spawnSync(npm, ["run", "build", "--workspace", app.workspace], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      // vitest sets NODE_ENV=test, which would bundle React's development build
      env: { ...process.env, NODE_ENV: "production" },
    });
    if (result.status !== 0)
      throw new Error(`building ${app.title} failed (exit ${result.status ?? result.signal})`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    ensureBuilt();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
