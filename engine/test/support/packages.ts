import { compileApp, type LoadedPackage, parsePackage } from "../../src/index.ts";

/** Package files as a consultant would write them: pretty JSON, one component per file. */
export function packageFiles(
  manifest: Record<string, unknown>,
  components: Record<string, unknown>,
): Record<string, string> {
  const files: Record<string, string> = {
    "loom-package.json": `${JSON.stringify({ kind: "package", layer: "base", version: "1.0.0", labels: { en: "Test" }, ...manifest }, null, 2)}\n`,
  };
  for (const [file, value] of Object.entries(components))
    files[file] = `${JSON.stringify(value, null, 2)}\n`;
  return files;
}

export function entity(name: string, fields: unknown[], extra: Record<string, unknown> = {}) {
  return { kind: "entity", name, labels: { en: name, "zh-CN": name }, ...extra, fields };
}

export function field(name: string, type: string, extra: Record<string, unknown> = {}) {
  return { name, type, labels: { en: name }, ...extra };
}

/** Parses packages that must be valid on their own, failing loudly with the issues otherwise. */
export function loaded(...filesets: Record<string, string>[]): LoadedPackage[] {
  return filesets.map((files) => {
    const { package: pkg, issues } = parsePackage(files);
    if (!pkg) throw new Error(`fixture does not parse: ${JSON.stringify(issues, null, 2)}`);
    return pkg;
  });
}

export function compile(...filesets: Record<string, string>[]) {
  return compileApp(loaded(...filesets));
}
