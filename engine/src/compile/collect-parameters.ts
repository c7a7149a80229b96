import type { Issue } from "../errors.ts";
import { joinPointer } from "../load/json-source.ts";
import { MANIFEST_FILE } from "../load/parse-package.ts";
import type { LoadedPackage, ParameterType } from "../metadata/types.ts";
import type { PackageParameter } from "../model/app-model.ts";

/**
 * Every package's declared parameters, by name (unique across the installation, so expressions
 * and webhooks name them without a package prefix). A secret may not carry a default: the
 * default travels with the package, and a secret must never be exported.
 */
export function collectParameters(packages: readonly LoadedPackage[]): {
  parameters: Record<string, PackageParameter>;
  issues: Issue[];
} {
  const parameters: Record<string, PackageParameter> = {};
  const issues: Issue[] = [];
  for (const { manifest } of packages) {
    for (const [name, def] of Object.entries(manifest.parameters ?? {}).sort(([a], [b]) =>
      a < b ? -1 : 1,
    )) {
      const report = (code: string, message: string, at = "") =>
        issues.push({
          code,
          message,
          package: manifest.name,
          file: MANIFEST_FILE,
          path: joinPointer("/parameters", name) + at,
        });
      const earlier = parameters[name];
      if (earlier) {
        report(
          "duplicate-parameter",
          `parameter "${name}" is already declared by package "${earlier.package}": parameter names are shared by all packages, choose another`,
        );
        continue;
      }
      if (def.secret && def.default !== undefined) {
        report(
          "secret-default",
          `parameter "${name}" is a secret, so it cannot have a default (it would travel with the package): remove "default" and supply the value per environment`,
          "/default",
        );
        continue;
      }
      const problem =
        def.default === undefined ? undefined : parameterValueProblem(def.type, def.default);
      if (problem) {
        report("parameter-default", `the default of "${name}" ${problem}`, "/default");
        continue;
      }
      parameters[name] = {
        package: manifest.name,
        type: def.type,
        labels: def.labels,
        ...(def.description && { description: def.description }),
        ...(def.default !== undefined && { default: def.default }),
        secret: def.secret === true,
      };
    }
  }
  return { parameters, issues };
}

/**
 * Why `value` is not a value of a parameter of type `type` (undefined: it is). Shared by the
 * manifest check and by the runtime when an environment supplies a value.
 */
export function parameterValueProblem(type: ParameterType, value: unknown): string | undefined {
  switch (type) {
    case "boolean":
      return typeof value === "boolean" ? undefined : "must be true or false";
    case "integer":
      return Number.isSafeInteger(value) ? undefined : "must be a whole number";
    case "decimal":
      return typeof value === "number" && Number.isFinite(value) ? undefined : "must be a number";
    case "url":
      return typeof value === "string" && /^https?:\/\/[^\s/]+/.test(value)
        ? undefined
        : "must be an http(s) address, e.g. https://erp.example.com/hook";
    case "email":
      return typeof value === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)
        ? undefined
        : "must be an e-mail address";
    case "text":
      return typeof value === "string" ? undefined : "must be text";
  }
}
