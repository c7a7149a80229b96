import {
  compileApp,
  diffPackageFiles,
  type FileChange,
  type Issue,
  type Layer,
  type LoadedPackage,
  parsePackage,
} from "@loom/engine";
import type { Knex } from "knex";
import {
  type InstalledPackage,
  installedPackages,
  loadInstalled,
} from "../store/installed-packages.ts";
import { currentRevisionId } from "../store/revisions.ts";
import { type Files, storedDraft } from "./draft-store.ts";
import { type DraftTarget, draftTarget, newPackageFiles } from "./draft-target.ts";

/** The draft as the designer works on it, with what it is compared against. */
export interface OpenDraft {
  readonly target: DraftTarget;
  readonly files: Files;
  readonly basedOn: number | null;
  /** 0 while nothing is stored: the draft is the installed package itself */
  readonly version: number;
  readonly updatedAt: Date | null;
  readonly updatedBy: string | null;
  /** every installed package, the draft's own as installed included */
  readonly installed: readonly InstalledPackage[];
  readonly currentRevision: number | null;
}

/** The stored draft, else a fresh one of the package the designer edits (not stored until edited). */
export async function openDraft(conn: Knex): Promise<OpenDraft> {
  const [stored, installed, currentRevision] = [
    await storedDraft(conn),
    await installedPackages(conn),
    await currentRevisionId(conn),
  ];
  if (stored) {
    return {
      target: { package: stored.package, layer: stored.layer, baseFiles: stored.baseFiles },
      files: stored.files,
      basedOn: stored.basedOn,
      version: stored.version,
      updatedAt: stored.updatedAt,
      updatedBy: stored.updatedBy,
      installed,
      currentRevision,
    };
  }
  const target = draftTarget(installed);
  return {
    target,
    files: target.baseFiles ?? newPackageFiles(target, installed),
    basedOn: currentRevision,
    version: 0,
    updatedAt: null,
    updatedBy: null,
    installed,
    currentRevision,
  };
}

/** The package's files as installed now (null: not installed). */
export function installedFiles(draft: OpenDraft): Files | null {
  return draft.installed.find((pkg) => pkg.name === draft.target.package)?.files ?? null;
}

/**
 * Someone changed the draft's package since the draft started (an import, another publish):
 * publishing it would undo their change, so the draft must be discarded or redone.
 */
export function isStale(draft: OpenDraft): boolean {
  const now = installedFiles(draft);
  const then = draft.target.baseFiles;
  if (now === null || then === null) return now !== then;
  return diffPackageFiles(then, now).length > 0;
}

/** What the draft changes in its package: against the package as installed now. */
export function draftChanges(draft: OpenDraft): FileChange[] {
  return diffPackageFiles(installedFiles(draft) ?? {}, draft.files);
}

/**
 * Loads the draft's package and compiles it with the other installed packages, as a publish
 * would: every issue found, each naming the package and file.
 */
export function checkDraft(draft: OpenDraft): { package?: LoadedPackage; issues: Issue[] } {
  const parsed = parsePackage(draft.files);
  const named = (issues: readonly Issue[]) =>
    issues.map((issue) => ({ ...issue, package: issue.package ?? draft.target.package }));
  if (!parsed.package) return { issues: named(parsed.issues) };
  const others = loadInstalled(draft.installed.filter((pkg) => pkg.name !== draft.target.package));
  const compiled = compileApp([...others, parsed.package]);
  return { package: parsed.package, issues: compiled.model ? [] : named(compiled.issues) };
}

/** GET /api/designer/draft: the draft, the packages it builds on (read-only), its changes and issues. */
export function draftView(draft: OpenDraft) {
  const { issues } = checkDraft(draft);
  return {
    package: {
      name: draft.target.package,
      layer: draft.target.layer as Layer,
      installed: installedFiles(draft) !== null,
    },
    version: draft.version,
    basedOn: draft.basedOn,
    currentRevision: draft.currentRevision,
    stale: isStale(draft),
    updatedAt: draft.updatedAt,
    updatedBy: draft.updatedBy,
    files: draft.files,
    changes: draftChanges(draft),
    issues,
    packages: draft.installed
      .filter((pkg) => pkg.name !== draft.target.package)
      .map(({ name, version, layer, files }) => ({ name, version, layer, files })),
  };
}
