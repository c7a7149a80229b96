import type { Issue } from "../errors.ts";
import type {
  ComponentDef,
  LoadedComponent,
  LoadedPackage,
  PackageManifest,
} from "../metadata/types.ts";
import { type DocumentKind, validateDocument } from "../validate/schema-validators.ts";
import { type JsonSource, locatePointer, parseJsonSource } from "./json-source.ts";

export const MANIFEST_FILE = "loom-package.json";
const COMPONENT_KINDS: readonly DocumentKind[] = [
  "entity",
  "entity-extension",
  "role",
  "workflow",
  "form",
  "view",
  "menu",
  "data",
  "report",
  "dashboard",
];

/**
 * Reads one package folder given as `path → text` (the runtime reads the disk; the designer has
 * the texts in memory): parses every JSON file and validates it against its kind's schema.
 * Reports every problem of every file, each with file, JSON pointer, line and column.
 */
export function parsePackage(files: Readonly<Record<string, string>>): {
  package?: LoadedPackage;
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const sources = new Map<string, JsonSource>();
  for (const file of Object.keys(files).sort()) {
    const { source, errors } = parseJsonSource(files[file]!);
    for (const error of errors) issues.push({ code: "json-syntax", file, path: "", ...error });
    if (source) sources.set(file, source);
  }

  const manifestSource = sources.get(MANIFEST_FILE);
  if (!manifestSource && !(MANIFEST_FILE in files)) {
    issues.push({
      code: "missing-manifest",
      message: `a package folder needs a ${MANIFEST_FILE} manifest (kind "package", name, version, layer, labels)`,
      file: MANIFEST_FILE,
      path: "",
    });
  }

  let manifest: PackageManifest | undefined;
  const components: LoadedComponent[] = [];
  for (const [file, source] of sources) {
    const kind = file === MANIFEST_FILE ? "package" : componentKind(source.value);
    if (!kind) {
      issues.push({
        code: "unknown-kind",
        message: `"kind" must be one of ${COMPONENT_KINDS.map((k) => `"${k}"`).join(", ")}${file === MANIFEST_FILE ? "" : ` (the manifest must be named ${MANIFEST_FILE})`}`,
        file,
        path: "/kind",
        ...locatePointer(source, "/kind"),
      });
      continue;
    }
    const errors = validateDocument(kind, source.value);
    for (const error of errors) {
      issues.push({
        code: "schema",
        message: error.message,
        file,
        path: error.pointer,
        ...locatePointer(source, error.pointer),
      });
    }
    if (errors.length > 0) continue;
    if (kind === "package") manifest = source.value as PackageManifest;
    else components.push({ file, def: source.value as ComponentDef });
  }

  const packageName = manifest?.name;
  const located = packageName
    ? issues.map((issue) => ({ ...issue, package: packageName }))
    : issues;
  if (located.length > 0 || !manifest) return { issues: located };
  return { package: { manifest, components, files: { ...files } }, issues: [] };
}

function componentKind(value: unknown): DocumentKind | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const kind = (value as { kind?: unknown }).kind;
  return COMPONENT_KINDS.find((k) => k === kind);
}
