import { randomBytes } from "node:crypto";
import type { Stats } from "node:fs";
import { chmod, lstat, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { LoomError } from "@loom/engine";
import { packageEntries } from "./package-entries.ts";
import { MANIFEST, manifestName, type PackageFolder } from "./package-folder.ts";
import { SKIPPED_FOLDERS } from "./read-folder.ts";

/**
 * Writes the packages as a folder of JSON files: one package → its files in `dir`; several →
 * one subfolder each. `dir` must be new, empty, or already the folder of the same package(s): its
 * JSON files are replaced (a component removed from the package disappears), everything else in
 * it (a README, `.git`, `node_modules`) is kept. The files are written into a temporary sibling
 * first and swapped in by renames, so a failure leaves `dir` as it was, never half written.
 */
export async function writePackageFolder(
  dir: string,
  folders: readonly PackageFolder[],
): Promise<void> {
  const entries = packageEntries(folders);
  const target = path.resolve(dir);
  const existing = await lstat(target).catch(missing);
  if (existing) await checkTarget(target, existing, folders);

  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  // not mkdtemp: its 0700 would become the package folder's mode; a new folder gets the umask's
  const temp = path.join(
    parent,
    `.${path.basename(target)}.loom-${randomBytes(6).toString("hex")}`,
  );
  await mkdir(temp);
  try {
    if (existing) await chmod(temp, existing.mode & 0o7777);
    for (const [name, text] of entries) {
      const file = path.join(temp, name);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, text, "utf8");
    }
    if (existing) await swapIn(temp, target);
    else await rename(temp, target);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Moves what `target` keeps into `temp`, then swaps the two folders. Each step is a rename in one
 * parent folder; a failing step undoes the ones before it.
 */
async function swapIn(temp: string, target: string): Promise<void> {
  const kept = await keptEntries(target, "");
  const moved: string[] = [];
  const backup = `${temp}.old`;
  const undo = async () => {
    for (const name of moved.reverse())
      await rename(path.join(temp, name), path.join(target, name));
  };
  try {
    for (const name of kept) {
      await mkdir(path.dirname(path.join(temp, name)), { recursive: true });
      await rename(path.join(target, name), path.join(temp, name));
      moved.push(name);
    }
    await rename(target, backup);
  } catch (error) {
    await undo();
    throw error;
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rename(backup, target);
    await undo();
    throw error;
  }
  // the export is complete; a backup left behind by a failing delete harms nothing
  await rm(backup, { recursive: true, force: true }).catch(() => undefined);
}

/** Everything in a package folder that is not a package file: what rewriting it must keep. */
async function keptEntries(root: string, relative: string): Promise<string[]> {
  const kept: string[] = [];
  for (const entry of await readdir(path.join(root, relative), { withFileTypes: true })) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name))
      kept.push(...(await keptEntries(root, name)));
    else if (!(entry.isFile() && entry.name.endsWith(".json"))) kept.push(name);
  }
  return kept;
}

/**
 * A folder that is not empty must already hold the package(s) written: the same package at its
 * top for one, a bundle of packages all among those written for several. Only manifests are read,
 * so a wrong `--out` (a home folder) is refused without walking it.
 */
async function checkTarget(
  target: string,
  stats: Stats,
  folders: readonly PackageFolder[],
): Promise<void> {
  const writing = folders.map((folder) => manifestName(folder.files[MANIFEST]));
  const refuse = (why: string) =>
    new LoomError(
      "export-target-refused",
      `${target} ${why}: write to a new or empty folder, or to the folder of ${folders.length === 1 ? "that package" : "those packages"} (its .json files are replaced)`,
    );
  if (!stats.isDirectory())
    throw refuse(
      stats.isSymbolicLink() ? "is a symbolic link, which is not followed" : "is not a folder",
    );
  const top = await readdir(target, { withFileTypes: true });
  if (top.length === 0) return;
  if (folders.length === 1) {
    const name = await manifestAt(path.join(target, MANIFEST));
    if (name === undefined) throw refuse("is not empty and holds no package");
    if (name !== writing[0]) throw refuse(`holds the package ${name}, not ${writing[0]}`);
    return;
  }
  for (const entry of top) {
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    if (entry.isFile() && !entry.name.endsWith(".json")) continue;
    if (!entry.isDirectory()) throw refuse(`holds ${entry.name}, which belongs to no package`);
    const name = await manifestAt(path.join(target, entry.name, MANIFEST));
    if (name === undefined) throw refuse(`holds the folder ${entry.name}, which is no package`);
    if (!writing.includes(name)) throw refuse(`holds the package ${name}, which is not written`);
  }
}

async function manifestAt(file: string): Promise<string | undefined> {
  const found = await lstat(file).catch(missing);
  if (!found?.isFile()) return undefined;
  return manifestName(await readFile(file, "utf8"));
}

function missing(error: NodeJS.ErrnoException): undefined {
  if (error.code === "ENOENT") return undefined;
  throw error;
}
