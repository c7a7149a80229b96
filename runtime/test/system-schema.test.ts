import { CAST_FUNCTIONS_SQL } from "@loom/engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { checksum } from "../src/store/checksum.ts";
import { bootstrapSystemSchema, SYSTEM_SCHEMA_VERSION } from "../src/store/system-schema.ts";
import { testDatabases } from "./support/databases.ts";

async function schemaState(db: Database) {
  return db.run(async (k) => ({
    tables: (
      await k.raw(
        `SELECT table_schema || '.' || table_name AS t FROM information_schema.tables
         WHERE table_schema IN ('loom_sys', 'app') ORDER BY 1`,
      )
    ).rows.map((row: { t: string }) => row.t),
    schemas: (
      await k.raw(
        "SELECT nspname FROM pg_namespace WHERE nspname IN ('loom_sys', 'app') ORDER BY 1",
      )
    ).rows.map((row: { nspname: string }) => row.nspname),
    version: (await k.raw(`SELECT version, functions_checksum FROM loom_sys.schema_version`)).rows,
  }));
}

describe.each(testDatabases())("system schema bootstrap on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db?.dispose());

  it("creates loom_sys with its tables, the app schema and a version row", async () => {
    await bootstrapSystemSchema(db);
    expect(await schemaState(db)).toEqual({
      tables: [
        "loom_sys.api_tokens",
        "loom_sys.audit_log",
        "loom_sys.designer_drafts",
        "loom_sys.jobs",
        "loom_sys.migration_log",
        "loom_sys.naming_series",
        "loom_sys.notifications",
        "loom_sys.package_uploads",
        "loom_sys.packages",
        "loom_sys.parameter_values",
        "loom_sys.reference_rows",
        "loom_sys.retired_columns",
        "loom_sys.revisions",
        "loom_sys.schema_version",
        "loom_sys.sessions",
        "loom_sys.trash",
        "loom_sys.users",
        "loom_sys.workflow_history",
        "loom_sys.workflow_instances",
        "loom_sys.workflow_rotation",
        "loom_sys.workflow_tasks",
        "loom_sys.workflow_versions",
      ],
      schemas: ["app", "loom_sys"],
      version: [
        { version: SYSTEM_SCHEMA_VERSION, functions_checksum: checksum(CAST_FUNCTIONS_SQL) },
      ],
    });
  });

  it("is idempotent: running it again, even concurrently, changes nothing and keeps data", async () => {
    await bootstrapSystemSchema(db);
    await db.run((k) =>
      k.raw(`INSERT INTO loom_sys.packages (name, version, layer, manifest, files, installed_by)
             VALUES ('p', '1.0.0', 'base', '{}', '{}', 'test')`),
    );
    const before = await schemaState(db);
    await Promise.all([bootstrapSystemSchema(db), bootstrapSystemSchema(db)]);
    await bootstrapSystemSchema(db);
    expect(await schemaState(db)).toEqual(before);
    const names = await db.run(
      async (k) => (await k.raw("SELECT name FROM loom_sys.packages")).rows,
    );
    expect(names).toEqual([{ name: "p" }]);
  });

  it("brings a database at an earlier version up to date, keeping its data", async () => {
    await bootstrapSystemSchema(db);
    const current = await schemaState(db);
    // what version 1 had: the tables of the later entries not there yet
    await db.run((k) =>
      k.raw(`DROP TABLE loom_sys.audit_log, loom_sys.trash, loom_sys.naming_series,
                        loom_sys.api_tokens, loom_sys.sessions, loom_sys.users, loom_sys.jobs,
                        loom_sys.workflow_history, loom_sys.workflow_tasks, loom_sys.workflow_instances,
                        loom_sys.workflow_versions, loom_sys.workflow_rotation, loom_sys.notifications,
                        loom_sys.designer_drafts, loom_sys.parameter_values, loom_sys.retired_columns,
                        loom_sys.reference_rows, loom_sys.package_uploads;
             ALTER TABLE loom_sys.revisions DROP COLUMN package_files;
             UPDATE loom_sys.schema_version SET version = 1;
             INSERT INTO loom_sys.packages (name, version, layer, manifest, files, installed_by)
             VALUES ('p', '1.0.0', 'base', '{}', '{}', 'test')`),
    );
    await bootstrapSystemSchema(db);
    expect(await schemaState(db)).toEqual(current);
    const names = await db.run(
      async (k) => (await k.raw("SELECT name FROM loom_sys.packages")).rows,
    );
    expect(names).toEqual([{ name: "p" }]);
  });

  it("serializes first bootstraps started at the same time", async () => {
    await Promise.all([
      bootstrapSystemSchema(db),
      bootstrapSystemSchema(db),
      bootstrapSystemSchema(db),
    ]);
    expect((await schemaState(db)).version).toHaveLength(1);
  });

  it("reinstalls the SQL functions when the engine's version of them changed", async () => {
    await bootstrapSystemSchema(db);
    await db.run((k) => k.raw("UPDATE loom_sys.schema_version SET functions_checksum = 'older'"));
    await bootstrapSystemSchema(db);
    const [row] = (await schemaState(db)).version;
    expect(row.functions_checksum).toBe(checksum(CAST_FUNCTIONS_SQL));
  });

  it("refuses a database whose system schema is newer than this Loom", async () => {
    await bootstrapSystemSchema(db);
    await db.run((k) => k.raw("UPDATE loom_sys.schema_version SET version = version + 1"));
    await expect(bootstrapSystemSchema(db)).rejects.toMatchObject({
      code: "system-schema-too-new",
    });
  });
});
