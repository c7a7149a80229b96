import { DOCUMENT_SCHEMAS, type DocumentKind, MANIFEST_FILE } from "@loom/engine";
import { parse } from "jsonc-parser";

/**
 * The kind of document a file holds, as the engine decides it: the manifest by its name, a
 * component by its `kind` (read tolerantly, so a file being typed still has one).
 */
export function fileKind(file: string, text: string): DocumentKind | undefined {
  if (file === MANIFEST_FILE) return "package";
  const value: unknown = parse(text);
  const kind =
    typeof value === "object" && value !== null ? (value as { kind?: unknown }).kind : undefined;
  return typeof kind === "string" && kind !== "package" && Object.hasOwn(DOCUMENT_SCHEMAS, kind)
    ? (kind as DocumentKind)
    : undefined;
}
