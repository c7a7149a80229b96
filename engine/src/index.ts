export { type Issue, LoomError, formatIssue } from "./errors.ts";
export type * from "./metadata/types.ts";
export * from "./model/app-model.ts";
export { quoteIdent, sqlName } from "./model/sql-name.ts";
export { MANIFEST_FILE, parsePackage } from "./load/parse-package.ts";
export { compileApp } from "./compile/compile-app.ts";
