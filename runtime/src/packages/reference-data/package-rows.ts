import {
  type AppModel,
  checksum,
  dataLinks,
  LoomError,
  linkKeyValues,
  type OrderedDataFile,
  type PhysicalSchema,
  quoteIdent,
  rowKey,
} from "@loom/engine";
import type { Knex } from "knex";

/**
 * A row of a data file in "package form", the form both sides are compared in: each value the
 * row gives as PostgreSQL stores it and `to_jsonb` prints it (1.5 in a numeric(12,2) column is
 * 1.50, a timestamp is in the session's zone), a link as the key of the row it names.
 */
export interface PackageRow {
  /** index in the file's rows */
  readonly index: number;
  /** canonical key text */
  readonly key: string;
  /** field → value, for the fields the row gives */
  readonly values: Readonly<Record<string, unknown>>;
  /** checksum of `values`: what `loom_sys.reference_rows.values_hash` holds once written */
  readonly hash: string;
}

/** Column `#` carries the row's index: no field can be named so. */
const INDEX = quoteIdent("#");

/**
 * The file's rows in package form, normalized by PostgreSQL itself (`jsonb_to_recordset` with
 * the columns' types of `model`, then `to_jsonb`): one statement, whether or not the table exists.
 */
export async function packageRows(
  conn: Knex,
  file: OrderedDataFile,
  model: AppModel,
  physical: PhysicalSchema,
  keys: ReadonlyMap<string, readonly string[]>,
): Promise<PackageRow[]> {
  const entity = model.entities[file.def.entity]!;
  const table = physical.tables[entity.table]!;
  const links = new Map(dataLinks(entity).map((link) => [link.field, link.target]));
  const columns = new Map<string, string>();
  for (const row of file.def.rows)
    for (const name of Object.keys(row)) {
      const column = links.has(name)
        ? undefined
        : entity.fields.find((f) => f.name === name)?.column;
      if (column !== undefined) columns.set(name, column);
    }
  const sent = file.def.rows.map((row, index) => {
    const values: Record<string, unknown> = { "#": index };
    for (const [name, column] of columns) if (name in row) values[column] = row[name];
    return values;
  });
  const definition = [
    `${INDEX} integer`,
    ...[...columns.values()].map((c) => `${quoteIdent(c)} ${table.columns[c]!.type}`),
  ].join(", ");
  let normalized: Array<Record<string, unknown>>;
  try {
    const { rows } = await conn.raw(
      `SELECT to_jsonb(x) AS "values" FROM jsonb_to_recordset(?::jsonb) AS x(${definition}) ORDER BY x.${INDEX}`,
      [JSON.stringify(sent)],
    );
    normalized = (rows as Array<{ values: Record<string, unknown> }>).map((r) => r.values);
  } catch (error) {
    throw new LoomError(
      "reference-data-invalid",
      `${file.package}/${file.file}: PostgreSQL refuses a value of the rows: ${(error as Error).message}`,
      [
        {
          code: "reference-data-invalid",
          message: (error as Error).message,
          package: file.package,
          file: file.file,
          path: "/rows",
        },
      ],
    );
  }
  return file.def.rows.map((row, index) => {
    const stored = normalized[index]!;
    const values: Record<string, unknown> = {};
    for (const name of Object.keys(row)) {
      const target = links.get(name);
      if (target !== undefined)
        values[name] = row[name] == null ? null : linkKeyValues(keys.get(target)!, row[name]);
      else values[name] = stored[columns.get(name)!] ?? null;
    }
    return { index, key: rowKey(file.def.key, row), values, hash: checksum(values) };
  });
}
