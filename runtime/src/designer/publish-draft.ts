import { type LoadedPackage, LoomError, MANIFEST_FILE, type PackageManifest } from "@loom/engine";
import semver from "semver";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import { type ApplyResult, applyPackages } from "../store/apply-packages.ts";
import { type PlanResult, planPackages } from "../store/plan-packages.ts";
import { draftIssuesRefused, versionConflict } from "./draft-refusals.ts";
import { dropDraft, type Files } from "./draft-store.ts";
import {
  checkDraft,
  draftChanges,
  installedFiles,
  isStale,
  type OpenDraft,
  openDraft,
} from "./open-draft.ts";

export interface PublishOptions {
  /** the draft version the user reviewed: a draft saved since is refused, not published unseen */
  readonly version: number;
  readonly allowDataLoss: boolean;
  readonly onConversionFailure?: "null" | "keep";
  readonly note?: string;
  readonly actor: string;
}

/** What publishing the draft would do now: the plan against the served revision and its changes. */
export async function planDraft(db: Database): Promise<{ draft: OpenDraft; plan: PlanResult }> {
  const draft = await db.run(openDraft);
  const loaded = publishable(draft);
  return { draft, plan: await planPackages(db, [withVersion(loaded, draft)]) };
}

/**
 * Publishes the draft in one transaction with its migration (applyPackages), the package's patch
 * version raised unless the draft set a version itself; the draft is dropped in that same
 * transaction, so it is either published and gone, or untouched.
 */
export async function publishDraft(
  db: Database,
  options: PublishOptions,
): Promise<{ draft: OpenDraft; result: ApplyResult }> {
  const draft = await db.run(openDraft);
  if (draft.version !== options.version) throw versionConflict(draft.version);
  const loaded = withVersion(publishable(draft), draft);
  const result = await applyPackages(db, [loaded], {
    allowDataLoss: options.allowDataLoss,
    onConversionFailure: options.onConversionFailure,
    note: options.note,
    actor: options.actor,
    afterApply: async (tx) => {
      if (draft.version > 0 && !(await dropDraft(tx, draft.target.package, draft.version)))
        throw versionConflict(null);
    },
  });
  return { draft, result };
}

/** The draft's package if it may be published: changed, current and without issues. */
function publishable(draft: OpenDraft): LoadedPackage {
  if (isStale(draft)) {
    throw new HttpError(
      409,
      "draft-stale",
      `package ${draft.target.package} was changed by someone else since this draft started: discard the draft (your changes are lost) or copy them out first`,
    );
  }
  if (draftChanges(draft).length === 0) {
    throw new HttpError(
      409,
      "nothing-to-publish",
      "the draft changes nothing: edit something first",
    );
  }
  const { package: loaded, issues } = checkDraft(draft);
  if (!loaded || issues.length > 0) throw draftIssuesRefused(issues);
  return loaded;
}

/** The package with its patch version raised over the installed one, unless the draft changed it. */
function withVersion(loaded: LoadedPackage, draft: OpenDraft): LoadedPackage {
  const before = manifestVersion(installedFiles(draft));
  if (before === undefined || loaded.manifest.version !== before) return loaded;
  const version = semver.inc(before, "patch");
  if (version === null) throw new LoomError("invalid-version", `cannot raise version ${before}`);
  const manifest: PackageManifest = { ...loaded.manifest, version };
  const text = JSON.parse(loaded.files[MANIFEST_FILE]!) as Record<string, unknown>;
  const files: Files = {
    ...loaded.files,
    [MANIFEST_FILE]: `${JSON.stringify({ ...text, version }, null, 2)}\n`,
  };
  return { ...loaded, manifest, files };
}

function manifestVersion(files: Files | null): string | undefined {
  const text = files?.[MANIFEST_FILE];
  if (text === undefined) return undefined;
  return (JSON.parse(text) as PackageManifest).version;
}
