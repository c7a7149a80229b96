export {
  type ApplyOptions,
  type ApplyResult,
  applyPackages,
  type RevisionRef,
} from "./apply-packages.ts";
export { canonicalJson, checksum } from "./checksum.ts";
export { type InstalledPackage, installedPackages } from "./installed-packages.ts";
export { loadPackages, type PackageSource, validatePackages } from "./load-packages.ts";
export { type PlanResult, planPackages } from "./plan-packages.ts";
export type { PreparedChange } from "./prepare-change.ts";
export { readPackageDir } from "./read-package-dir.ts";
export { currentRevision, type Revision } from "./revisions.ts";
export { describeFlaggedRows, type RowCheckResult } from "./row-checks.ts";
export { bootstrapSystemSchema, SYSTEM_SCHEMA_VERSION } from "./system-schema.ts";
