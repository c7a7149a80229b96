export { LOCK_FILE_NAME } from "./data-dir-lock.ts";
export type { Database, DatabaseOptions } from "./database.ts";
export { DEFAULT_DATA_DIR, openDatabase, resolveDataDir } from "./open-database.ts";
export { PGLITE_FOLDER } from "./open-pglite.ts";
export { redactUrl } from "./redact-url.ts";
