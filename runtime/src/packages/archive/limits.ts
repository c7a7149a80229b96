/**
 * How much a package archive or folder may hold. Checked on the bytes actually read (an entry's
 * declared size is only used to refuse early), so a zip bomb stops at the limit.
 */
export interface ArchiveLimits {
  /** entries in the archive (directories included), or `.json` files in a folder */
  maxEntries: number;
  /** bytes of one file, uncompressed */
  maxEntryBytes: number;
  /** bytes of all files together, uncompressed */
  maxTotalBytes: number;
  /** bytes of the archive itself, compressed */
  maxCompressedBytes: number;
}

const MIB = 1024 * 1024;

/** Far above a real package (the 200-entity bench package is ~1 MiB), far below harm. */
export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = {
  maxEntries: 2_000,
  maxEntryBytes: 5 * MIB,
  maxTotalBytes: 50 * MIB,
  maxCompressedBytes: 20 * MIB,
};

export function archiveLimits(limits: Partial<ArchiveLimits> = {}): ArchiveLimits {
  return { ...DEFAULT_ARCHIVE_LIMITS, ...limits };
}

export function formatBytes(bytes: number): string {
  return bytes >= MIB ? `${+(bytes / MIB).toFixed(1)} MiB` : `${bytes} bytes`;
}
