import {
  type AppModel,
  compileApp,
  type Issue,
  type LoadedPackage,
  parsePackage,
} from "@loom/engine";
import type { Files } from "./design-context.ts";

/** The packages the draft builds on, loaded once; they were valid when installed. */
export function loadBases(packages: readonly { readonly files: Files }[]): LoadedPackage[] {
  return packages.flatMap(({ files }) => parsePackage(files).package ?? []);
}

/**
 * Every issue the server would report for the draft's files, found in the browser with the same
 * engine: the files parsed and validated, then compiled with the packages they build on. Issues
 * of the draft's files name its package.
 */
export function checkDraft(name: string, files: Files, bases: readonly LoadedPackage[]): Issue[] {
  return compileDraft(name, files, bases).issues;
}

/** The draft compiled with the packages it builds on: its issues, and the model when it has none. */
export function compileDraft(
  name: string,
  files: Files,
  bases: readonly LoadedPackage[],
): { issues: Issue[]; model?: AppModel } {
  const named = (issues: readonly Issue[]) =>
    issues.map((issue) => ({ ...issue, package: issue.package ?? name }));
  const parsed = parsePackage(files);
  if (!parsed.package) return { issues: named(parsed.issues) };
  const { issues, model } = compileApp([...bases, parsed.package]);
  return { issues: named(issues), ...(model && { model }) };
}
