import yazl from "yazl";
import { packageEntries } from "./package-entries.ts";
import type { PackageFolder } from "./package-folder.ts";

/**
 * Every entry's time: 2000-01-01 00:00. A zip stores local date and time (DOS fields), so the
 * date is built from local parts at each call (the zone may differ from when the module loaded):
 * the same bytes in every time zone. The UTC "extended timestamp" field is left out
 * (`forceDosTimestamp`) because it would differ between zones.
 */
function fixedTime(): Date {
  return new Date(2000, 0, 1, 0, 0, 0);
}

/**
 * The packages as one `.zip`: one package → its files at the top; several → each under its
 * folder. Entries sorted, fixed time and mode, so the same packages give the same bytes.
 */
export async function writePackageZip(folders: readonly PackageFolder[]): Promise<Buffer> {
  const entries = packageEntries(folders);
  const zip = new yazl.ZipFile();
  const mtime = fixedTime();
  for (const [name, text] of entries)
    zip.addBuffer(Buffer.from(text, "utf8"), name, {
      mtime,
      mode: 0o100644,
      compress: true,
      forceDosTimestamp: true,
    });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
