import { stat } from "node:fs/promises";
import { LoomError } from "@loom/engine";
import { checkPackageFolder } from "./check-package.ts";
import type { EntrySet } from "./entry-set.ts";
import { type ArchiveLimits, archiveLimits, formatBytes } from "./limits.ts";
import type { PackageFolder } from "./package-folder.ts";
import { readFolder } from "./read-folder.ts";
import { readZip } from "./read-zip.ts";
import { archiveRefused, entryIssue } from "./refusal.ts";
import { splitPackages } from "./split-packages.ts";

/**
 * The packages in `input`: a path to a `.zip` archive or to a folder, or the bytes of a zip. Either
 * holds one package (`loom-package.json` at its top) or a bundle (one package per top-level
 * folder). Anything unsafe, damaged or not a package is refused (`archive-refused`, every problem
 * in the details) before anything is returned; nothing of the input is written anywhere.
 */
export async function readPackageInput(
  input: string | Uint8Array,
  limits: Partial<ArchiveLimits> = {},
): Promise<PackageFolder[]> {
  const bounds = archiveLimits(limits);
  const { set, source } = await readInput(input, bounds);
  if (set.issues.length > 0) throw archiveRefused(source, set.issues);
  const { folders, issues } = splitPackages(set.files);
  if (issues.length > 0) throw archiveRefused(source, issues);
  const problems = folders.flatMap(checkPackageFolder);
  if (problems.length > 0) throw archiveRefused(source, problems);
  return folders;
}

async function readInput(
  input: string | Uint8Array,
  limits: ArchiveLimits,
): Promise<{ set: EntrySet; source: string }> {
  if (typeof input !== "string") {
    const source = "the archive";
    if (input.byteLength > limits.maxCompressedBytes)
      throw archiveRefused(source, [tooLargeInput(input.byteLength, limits)]);
    const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    return { set: await readZip(bytes, limits), source };
  }
  const found = await stat(input).catch(() => undefined);
  if (!found)
    throw new LoomError(
      "package-dir-not-found",
      `${input} does not exist: pass a package folder or a .zip archive`,
    );
  if (found.isDirectory()) return { set: await readFolder(input, limits), source: input };
  if (input.endsWith(".json"))
    throw new LoomError(
      "package-dir-not-found",
      `${input} is a file: pass the folder that holds the package's loom-package.json, or a .zip archive`,
    );
  if (found.size > limits.maxCompressedBytes)
    throw archiveRefused(input, [tooLargeInput(found.size, limits)]);
  return { set: await readZip(input, limits), source: input };
}

function tooLargeInput(size: number, limits: ArchiveLimits) {
  return entryIssue(
    "input-too-large",
    "",
    `the archive is ${formatBytes(size)}, more than ${formatBytes(limits.maxCompressedBytes)}: split the packages into several archives`,
  );
}
