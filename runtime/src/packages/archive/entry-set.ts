import type { Issue } from "@loom/engine";
import { collisionKey, entryNameIssue } from "./entry-name.ts";
import { type ArchiveLimits, formatBytes } from "./limits.ts";
import { entryIssue } from "./refusal.ts";

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * The files read from one archive or folder (full entry name → text) and every problem found on
 * the way. The zip and the folder reader both feed it, so both refuse the same names, duplicates,
 * sizes and encodings in the same words.
 */
export class EntrySet {
  readonly files = new Map<string, string>();
  readonly issues: Issue[] = [];
  private readonly seen = new Map<string, string>();
  private total = 0;
  /** set once the total passed its limit: nothing more is read */
  full = false;

  constructor(readonly limits: ArchiveLimits) {}

  /** Records why the file `name` is not read, or returns true when it may be. */
  admitFile(name: string): boolean {
    const bad = entryNameIssue(name);
    if (bad) return this.refuse(bad);
    if (!name.endsWith(".json"))
      return this.refuse(
        entryIssue(
          "not-json",
          name,
          "a package holds only .json files: remove this entry from the archive",
        ),
      );
    const key = collisionKey(name);
    const earlier = this.seen.get(key);
    if (earlier !== undefined)
      return this.refuse(
        entryIssue(
          "duplicate-entry",
          name,
          earlier === name
            ? "the archive holds this entry twice, and either could be read: keep one"
            : `${earlier} and ${name} are one file on macOS and Windows: keep one`,
        ),
      );
    this.seen.set(key, name);
    return true;
  }

  /** Records a refusal of a directory entry's name; true when the name is safe. */
  admitDirectory(name: string): boolean {
    const bad = entryNameIssue(name);
    return bad ? this.refuse(bad) : true;
  }

  /** How many bytes the next file may have, and whether that bound is the archive's total. */
  budget(): { bytes: number; byTotal: boolean } {
    const left = this.limits.maxTotalBytes - this.total;
    return left < this.limits.maxEntryBytes
      ? { bytes: left, byTotal: true }
      : { bytes: this.limits.maxEntryBytes, byTotal: false };
  }

  tooLarge(name: string, byTotal: boolean): void {
    if (byTotal) {
      this.full = true;
      this.refuse(
        entryIssue(
          "archive-too-large",
          name,
          `the files add up to more than ${formatBytes(this.limits.maxTotalBytes)} uncompressed: split the package, or check where the archive came from`,
        ),
      );
    } else
      this.refuse(
        entryIssue(
          "entry-too-large",
          name,
          `the file is larger than ${formatBytes(this.limits.maxEntryBytes)} uncompressed: split it, or check where the archive came from`,
        ),
      );
  }

  /** Counts bytes read against the archive's total, whether or not the file is kept. */
  count(bytes: number): void {
    this.total += bytes;
  }

  /** Keeps a file's bytes as text, or records that they are not UTF-8. */
  add(name: string, bytes: Buffer): void {
    try {
      this.files.set(name, UTF8.decode(bytes));
    } catch {
      this.refuse(
        entryIssue("not-utf8", name, "the file is not valid UTF-8 text: save it as UTF-8"),
      );
    }
  }

  refuse(issue: Issue): false {
    this.issues.push(issue);
    return false;
  }

  /**
   * Refuses a file whose name is also a folder of another (`a.json` and `a.json/b.json`): no disk
   * can hold both.
   */
  checkFolderClashes(): void {
    for (const name of this.seen.values()) {
      const segments = name.split("/");
      for (let depth = 1; depth < segments.length; depth++) {
        const folder = this.seen.get(collisionKey(segments.slice(0, depth).join("/")));
        if (folder !== undefined)
          this.refuse(
            entryIssue(
              "duplicate-entry",
              folder,
              `${folder} is both a file and the folder of ${name}: rename one`,
            ),
          );
      }
    }
  }
}
