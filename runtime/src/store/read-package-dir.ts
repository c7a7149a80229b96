import { stat } from "node:fs/promises";
import { LoomError } from "@loom/engine";
import { archiveLimits } from "../packages/archive/limits.ts";
import { fileRecord } from "../packages/archive/package-folder.ts";
import { readFolder } from "../packages/archive/read-folder.ts";
import { archiveRefused } from "../packages/archive/refusal.ts";

/**
 * Every `*.json` file below `dir`: package-relative path (always `/`-separated, so a package gives
 * the same keys on every OS) → text, in sorted order. Read by the same reader as an imported
 * folder: links, unsafe names, files that are not UTF-8 or too large are refused
 * (`archive-refused`); `node_modules`, `.git` and `.loom` are skipped.
 */
export async function readPackageDir(dir: string): Promise<Record<string, string>> {
  const isDir = await stat(dir).then(
    (found) => found.isDirectory(),
    () => false,
  );
  if (!isDir) throw new LoomError("package-dir-not-found", `${dir} is not a folder`);
  const read = await readFolder(dir, archiveLimits());
  if (read.issues.length > 0) throw archiveRefused(dir, read.issues);
  return fileRecord(read.files);
}
