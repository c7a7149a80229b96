import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type AppModel, compileApp, parsePackage } from "../../src/index.ts";

const SAMPLES = fileURLToPath(new URL("../../../metadata-samples/", import.meta.url));

/** The compiled model of sample packages, e.g. `sampleModel("manufacturing", "manufacturing-custom")`. */
export function sampleModel(...packages: string[]): AppModel {
  const loaded = packages.map((name) => {
    const { package: pkg, issues } = parsePackage(packageFiles(path.join(SAMPLES, name)));
    if (!pkg) throw new Error(`sample ${name} does not parse: ${JSON.stringify(issues)}`);
    return pkg;
  });
  const { model, issues } = compileApp(loaded);
  if (!model) throw new Error(`samples do not compile: ${JSON.stringify(issues)}`);
  return model;
}

/** A sample package folder as `path → text`, the form the engine loads. */
export function samplePackageFiles(name: string): Record<string, string> {
  return packageFiles(path.join(SAMPLES, name));
}

function packageFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    if (file.endsWith(".json")) {
      files[file.split(path.sep).join("/")] = readFileSync(path.join(dir, file), "utf8");
    }
  }
  return files;
}
