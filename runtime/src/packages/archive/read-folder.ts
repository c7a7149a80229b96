import { constants } from "node:fs";
import { type FileHandle, open, readdir } from "node:fs/promises";
import path from "node:path";
import { EntrySet } from "./entry-set.ts";
import type { ArchiveLimits } from "./limits.ts";
import { entryIssue } from "./refusal.ts";

/** Folders that hold no metadata: dependencies, VCS data, Loom's own data. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(["node_modules", ".git", ".loom"]);

/**
 * Every `*.json` file below `dir` (other files are ignored: a package in git may keep a README),
 * keyed by its `/`-separated relative path, under the same limits and name rules as an archive.
 * A symbolic link is refused, not followed: it could bring in any file of the machine.
 */
export async function readFolder(dir: string, limits: ArchiveLimits): Promise<EntrySet> {
  const set = new EntrySet(limits);
  const files: string[] = [];
  await listFiles(dir, "", set, files);
  if (files.length > limits.maxEntries) {
    set.refuse(
      entryIssue(
        "too-many-entries",
        "",
        `the folder has more than ${limits.maxEntries} .json files: split the packages`,
      ),
    );
    return set;
  }
  for (const file of files.sort()) {
    if (set.full) break;
    if (set.admitFile(file)) await readFile(path.join(dir, file), file, set);
  }
  set.checkFolderClashes();
  return set;
}

async function listFiles(
  root: string,
  relative: string,
  set: EntrySet,
  found: string[],
): Promise<void> {
  for (const entry of await readdir(path.join(root, relative), { withFileTypes: true })) {
    // past the limit the listing stops at every depth; the caller reports the count
    if (found.length > set.limits.maxEntries) return;
    if (SKIPPED_FOLDERS.has(entry.name)) continue;
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isSymbolicLink())
      set.refuse(
        entryIssue(
          "symlink",
          name,
          "a symbolic link could bring in files from outside the package: replace it with the file itself",
        ),
      );
    else if (entry.isDirectory()) {
      if (set.admitDirectory(name)) await listFiles(root, name, set, found);
    } else if (entry.isFile() && entry.name.endsWith(".json")) found.push(name);
  }
}

async function readFile(file: string, name: string, set: EntrySet): Promise<void> {
  const budget = set.budget();
  let handle: FileHandle;
  try {
    // O_NOFOLLOW: a file swapped for a link after it was listed is refused, not followed
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOOP") throw error;
    set.refuse(entryIssue("symlink", name, "the file became a symbolic link while it was read"));
    return;
  }
  try {
    const { size } = await handle.stat();
    const bytes = size > budget.bytes ? undefined : await handle.readFile();
    if (bytes === undefined || bytes.length > budget.bytes) set.tooLarge(name, budget.byTotal);
    else {
      set.count(bytes.length);
      set.add(name, bytes);
    }
  } finally {
    await handle.close();
  }
}
