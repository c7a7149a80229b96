import { crc32 } from "node:zlib";
import type { Issue } from "@loom/engine";
import yauzl, { type Entry, type Options, type ZipFile } from "yauzl";
import { EntrySet } from "./entry-set.ts";
import { type ArchiveLimits, formatBytes } from "./limits.ts";
import { type BoundedRead, readAtMost } from "./read-bounded.ts";
import { entryIssue } from "./refusal.ts";

/**
 * yauzl reads the central directory and inflates one entry at a time. Names are decoded and
 * checked here (`decodeStrings: false`), so an unsafe name is one refusal among all the others
 * rather than an error that hides them, and backslashes are seen as stored. Sizes are counted here
 * too (`validateEntrySizes: false`): the bytes inflated are what the limits bound.
 */
const OPTIONS: Options = {
  autoClose: false,
  lazyEntries: true,
  decodeStrings: false,
  validateEntrySizes: false,
};

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** The files of a zip archive (a path to it, or its bytes), with every problem found. */
export async function readZip(source: string | Buffer, limits: ArchiveLimits): Promise<EntrySet> {
  const set = new EntrySet(limits);
  let zip: ZipFile;
  try {
    zip =
      typeof source === "string"
        ? await yauzl.openPromise(source, OPTIONS)
        : await yauzl.fromBufferPromise(source, OPTIONS);
  } catch (error) {
    set.refuse(corruptArchive(error));
    return set;
  }
  try {
    await readEntries(zip, set);
  } finally {
    zip.close();
  }
  return set;
}

async function readEntries(zip: ZipFile, set: EntrySet): Promise<void> {
  const { limits } = set;
  if (zip.entryCount > limits.maxEntries) {
    set.refuse(
      entryIssue(
        "too-many-entries",
        "",
        `the archive has ${zip.entryCount} entries, more than ${limits.maxEntries}: split the packages into several archives`,
      ),
    );
    return;
  }
  const entries: Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    set.refuse(corruptArchive(error));
    return;
  }
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (declared > limits.maxTotalBytes) {
    set.refuse(
      entryIssue(
        "archive-too-large",
        "",
        `the archive says it holds ${formatBytes(declared)} uncompressed, more than ${formatBytes(limits.maxTotalBytes)}: split the packages into several archives`,
      ),
    );
    return;
  }
  for (const entry of entries) {
    if (set.full) return;
    await readEntry(zip, entry, set);
  }
  set.checkFolderClashes();
}

async function readEntry(zip: ZipFile, entry: Entry, set: EntrySet): Promise<void> {
  const name = yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  if (name.includes("\uFFFD")) {
    set.refuse(entryIssue("not-utf8", name, "the entry's name is not valid UTF-8: rename it"));
    return;
  }
  if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
    set.refuse(
      entryIssue(
        "symlink",
        name,
        "the entry is a symbolic link, which could point outside the package: put the file itself in the archive",
      ),
    );
    return;
  }
  if (name.endsWith("/")) {
    set.admitDirectory(name.slice(0, -1));
    return;
  }
  if (isOsLitter(name)) {
    // what macOS Finder adds to every zip it makes; never part of a package
    set.admitDirectory(name);
    return;
  }
  if (!set.admitFile(name)) return;
  if (entry.isEncrypted()) {
    set.refuse(
      entryIssue(
        "encrypted-entry",
        name,
        "the entry is encrypted: make the archive again without a password",
      ),
    );
    return;
  }
  if (!entry.canDecodeFileData()) {
    set.refuse(
      entryIssue(
        "unsupported-compression",
        name,
        `the entry is compressed with method ${entry.compressionMethod}: make the archive again with standard (deflate) compression`,
      ),
    );
    return;
  }
  const budget = set.budget();
  if (entry.uncompressedSize > budget.bytes) {
    set.tooLarge(name, budget.byTotal);
    return;
  }
  let result: BoundedRead;
  try {
    result = await readAtMost(await zip.openReadStreamPromise(entry), budget.bytes);
  } catch (error) {
    result = { outcome: "failed", error, read: 0 };
  }
  // every byte inflated counts against the total, even of a refused entry: the work is bounded
  set.count(result.read);
  if (result.outcome === "too-large") set.tooLarge(name, budget.byTotal);
  else if (result.outcome === "failed")
    set.refuse(corruptEntry(name, `its data cannot be read (${messageOf(result.error)})`));
  else if (result.bytes.length !== entry.uncompressedSize)
    set.refuse(
      corruptEntry(
        name,
        `it says it holds ${entry.uncompressedSize} bytes but holds ${result.bytes.length}`,
      ),
    );
  else if (crc32(result.bytes) !== entry.crc32)
    set.refuse(corruptEntry(name, "its data does not match its CRC-32"));
  else set.add(name, result.bytes);
}

function isOsLitter(name: string): boolean {
  return name.startsWith("__MACOSX/") || name === ".DS_Store" || name.endsWith("/.DS_Store");
}

function corruptArchive(error: unknown): Issue {
  return entryIssue(
    "corrupt-archive",
    "",
    `this is not a readable zip archive (${messageOf(error)}): export the package again, or check that the whole file arrived`,
  );
}

function corruptEntry(name: string, why: string): Issue {
  return entryIssue(
    "corrupt-entry",
    name,
    `the entry is damaged: ${why}; export the package again, or check that the whole file arrived`,
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
