import { DOCUMENT_SCHEMAS, type DocumentKind } from "@loom/engine";
import { jsonDefaults } from "../expressions/monaco-setup.ts";

/** The kind of each open file's model, by the path its schema association matches. */
const open = new Map<string, DocumentKind | undefined>();

/**
 * Gives the model at `path` (`<package>/<file>`) the JSON Schema of `kind`, for monaco's
 * completion, hover help and validation. Every schema is registered under its `$id`, so the
 * `$ref`s between them (`entity.schema.json#/$defs/labels`) resolve; each one applies to the
 * files of its kind only, so expression editors' models get none. Returns the release.
 */
export function associateSchema(path: string, kind: DocumentKind | undefined): () => void {
  open.set(path, kind);
  apply();
  return () => {
    open.delete(path);
    apply();
  };
}

function apply(): void {
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    comments: "error",
    trailingCommas: "error",
    enableSchemaRequest: false,
    schemaValidation: "error",
    schemas: Object.entries(DOCUMENT_SCHEMAS).map(([kind, schema]) => ({
      uri: schema.$id,
      schema,
      fileMatch: [...open].filter(([, of]) => of === kind).map(([path]) => path),
    })),
  });
}
