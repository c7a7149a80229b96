import {
  type AppModel,
  DATA_SCHEMA,
  type DataRow,
  dataLinks,
  LoomError,
  linkKey,
  linkKeyValues,
  type OrderedDataFile,
  quoteIdent,
} from "@loom/engine";
import type { Knex } from "knex";

export interface LinkIds {
  /** the row as the data API takes it: its links' keys replaced by the ids of the rows they name */
  body(file: OrderedDataFile, index: number): Promise<DataRow>;
  /** remembers the id of a row just written */
  written(entity: string, key: string, id: string): void;
}

/**
 * Resolves the natural keys data rows' links hold, in the tables as they are at this point of the
 * import (rows written earlier in it included); each key is looked up once.
 */
export function linkIds(
  tx: Knex.Transaction,
  model: AppModel,
  keys: ReadonlyMap<string, readonly string[]>,
): LinkIds {
  const ids = new Map<string, string>();
  const idOf = async (
    target: string,
    value: unknown,
    file: OrderedDataFile,
    pointer: string,
  ): Promise<string> => {
    const key = keys.get(target)!;
    const text = linkKey(key, value)!;
    const known = ids.get(`${target}\u0000${text}`);
    if (known) return known;
    const entity = model.entities[target]!;
    const values = linkKeyValues(key, value)!;
    const columns = key.map((name) => entity.fields.find((f) => f.name === name)!.column!);
    const { rows } = await tx.raw(
      `SELECT "id" FROM ${quoteIdent(DATA_SCHEMA)}.${quoteIdent(entity.table)}
       WHERE ${columns.map((column) => `${quoteIdent(column)} = ?`).join(" AND ")}`,
      key.map((name) => values[name] as string | number),
    );
    const id = (rows as Array<{ id: string }>)[0]?.id;
    if (!id) throw missingLink(file, pointer, target, text);
    ids.set(`${target}\u0000${text}`, id);
    return id;
  };
  return {
    async body(file, index) {
      const row = file.def.rows[index]!;
      const body: DataRow = { ...row };
      for (const { field, target } of dataLinks(model.entities[file.def.entity]!)) {
        const value = row[field];
        if (value !== undefined && value !== null)
          body[field] = await idOf(target, value, file, `/rows/${index}/${field}`);
      }
      return body;
    },
    written(entity, key, id) {
      ids.set(`${entity}\u0000${key}`, id);
    },
  };
}

function missingLink(
  file: OrderedDataFile,
  pointer: string,
  target: string,
  key: string,
): LoomError {
  const message = `the "${target}" row ${key} this row links to is not in the database (deleted in this environment?): create it again, or change the link`;
  return new LoomError("reference-link-missing", `${file.package}/${file.file}: ${message}`, [
    {
      code: "reference-link-missing",
      message,
      package: file.package,
      file: file.file,
      path: pointer,
    },
  ]);
}
