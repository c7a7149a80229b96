import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { LoomError } from "@loom/engine";

/** Folders that hold no metadata: dependencies, VCS data, Loom's own data. */
const SKIPPED = new Set(["node_modules", ".git", ".loom"]);

/**
 * Every `*.json` file below `dir`: package-relative path (always `/`-separated, so a package gives
 * the same keys on every OS) → text, in sorted order.
 */
export async function readPackageDir(dir: string): Promise<Record<string, string>> {
  const isDir = await stat(dir).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (!isDir) throw new LoomError("package-dir-not-found", `${dir} is not a folder`);
  const files = (await jsonFiles(dir, "")).sort();
  const texts: Record<string, string> = {};
  for (const file of files) texts[file] = await readFile(path.join(dir, file), "utf8");
  return texts;
}

async function jsonFiles(root: string, relative: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(root, relative), { withFileTypes: true })) {
    const file = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED.has(entry.name))
      found.push(...(await jsonFiles(root, file)));
    else if (entry.isFile() && entry.name.endsWith(".json")) found.push(file);
  }
  return found;
}
