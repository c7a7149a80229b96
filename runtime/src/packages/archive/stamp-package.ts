import { fileChecksum } from "./checksums.ts";
import { fileRecord, MANIFEST } from "./package-folder.ts";

/**
 * A package as it is exported: every JSON file written the same way (2-space indent, keys in
 * their order, a final newline), so exporting the same package twice gives the same bytes and a
 * diff in git shows only what changed; and the manifest given the `checksums` of every other file
 * (sorted by path, last in the manifest), so an import can tell a file changed after export.
 * Stamping a stamped package changes nothing.
 */
export function stampPackage(files: Readonly<Record<string, string>>): Record<string, string> {
  const stamped = new Map<string, string>();
  for (const [file, text] of Object.entries(files))
    if (file !== MANIFEST) stamped.set(file, formatJson(text));
  const manifest = Object.hasOwn(files, MANIFEST) ? files[MANIFEST] : undefined;
  if (manifest !== undefined) stamped.set(MANIFEST, stampManifest(manifest, stamped));
  return fileRecord(stamped);
}

function stampManifest(text: string, others: ReadonlyMap<string, string>): string {
  const manifest = parse(text);
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest))
    return formatJson(text);
  const { checksums: _previous, ...rest } = manifest as Record<string, unknown>;
  const checksums = fileRecord([...others].map(([file, body]) => [file, fileChecksum(body)]));
  return serialize({ ...rest, checksums });
}

/** A file that is not JSON is kept as it is: the engine never installs one, so this is defensive. */
function formatJson(text: string): string {
  const value = parse(text);
  return value === undefined ? text : serialize(value);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function serialize(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
