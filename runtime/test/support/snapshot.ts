import type { Database } from "../../src/db/database.ts";

/**
 * Everything an apply may touch: the data schema's columns, indexes, constraints and rows, and the
 * system tables. Two equal snapshots mean the database is exactly as it was.
 */
export async function databaseSnapshot(db: Database): Promise<Record<string, unknown>> {
  return db.run(async (k) => {
    const rows = async (sql: string) => (await k.raw(sql)).rows;
    const tables: Array<{ table_name: string }> = await rows(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'app' ORDER BY 1`,
    );
    const data: Record<string, unknown> = {};
    for (const { table_name } of tables) {
      data[table_name] = await rows(
        `SELECT to_jsonb(t) AS row FROM "app"."${table_name}" t ORDER BY "id"`,
      );
    }
    return {
      columns: await rows(
        `SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision,
                numeric_scale, is_nullable, column_default
         FROM information_schema.columns WHERE table_schema = 'app' ORDER BY 1, 2`,
      ),
      indexes: await rows(
        `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'app' ORDER BY 1, 2`,
      ),
      constraints: await rows(
        `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def
         FROM pg_constraint WHERE connamespace = 'app'::regnamespace ORDER BY 1, 2`,
      ),
      data,
      packages: await rows(
        `SELECT name, version, layer, manifest, files, installed_at, installed_by
         FROM loom_sys.packages ORDER BY name`,
      ),
      revisions: await rows(`SELECT * FROM loom_sys.revisions ORDER BY id`),
      log: await rows(`SELECT * FROM loom_sys.migration_log ORDER BY revision_id, step_no`),
      parameterValues: await rows(`SELECT * FROM loom_sys.parameter_values ORDER BY 1, 2`),
      retiredColumns: await rows(`SELECT * FROM loom_sys.retired_columns ORDER BY 1, 2`),
      referenceRows: await rows(`SELECT * FROM loom_sys.reference_rows ORDER BY 1, 2`),
    };
  });
}

/** column name → `data_type` (with length/precision) of an app table; empty when it does not exist */
export async function columnsOf(db: Database, table: string): Promise<Record<string, string>> {
  const found: Array<{ column_name: string; type: string }> = await db.run(
    async (k) =>
      (
        await k.raw(
          `SELECT column_name, format_type(atttypid, atttypmod) AS type
           FROM information_schema.columns c
           JOIN pg_attribute a ON a.attrelid = ('app.' || quote_ident(c.table_name))::regclass
                               AND a.attname = c.column_name
           WHERE c.table_schema = 'app' AND c.table_name = ?`,
          [table],
        )
      ).rows,
  );
  return Object.fromEntries(found.map((c) => [c.column_name, c.type]));
}
