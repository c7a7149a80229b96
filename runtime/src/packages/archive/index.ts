export { checkPackageFolder, PACKAGE_FORMAT_VERSION } from "./check-package.ts";
export { fileChecksum } from "./checksums.ts";
export { type ArchiveLimits, DEFAULT_ARCHIVE_LIMITS } from "./limits.ts";
export { MANIFEST, type PackageFolder } from "./package-folder.ts";
export { readPackageInput } from "./read-package-input.ts";
export type { RefusalCode } from "./refusal.ts";
export { stampPackage } from "./stamp-package.ts";
export { writePackageFolder } from "./write-folder.ts";
export { writePackageZip } from "./write-zip.ts";
