import { once } from "node:events";
import type { Writable } from "node:stream";
import { setImmediate } from "node:timers/promises";
import type { Knex } from "knex";
import type { Reader } from "../access/reader.ts";
import { addressablePlan } from "../api/addressable-plan.ts";
import { decodeCursor } from "../api/cursor.ts";
import { snapshot } from "../api/data-read-router.ts";
import {
  type ListPage,
  type ListQuery,
  MAX_LIMIT,
  parseListQuery,
  runList,
} from "../api/list-records.ts";
import type { Language } from "../api/write/accept-language.ts";
import type { Database } from "../db/database.ts";
import { exportColumns, type HeaderStyle } from "./export-columns.ts";
import type { SheetFormat } from "./sheet-rows.ts";
import { tableWriter } from "./table-writer.ts";

/**
 * Every page of a list, keyset-paged by the list's own sort (MAX_LIMIT rows a page), in the
 * caller's connection (a snapshot, for pages that agree); `count` adds the total to the first.
 */
export async function* listPages(
  conn: Knex,
  list: ListQuery,
  count = false,
): AsyncGenerator<ListPage> {
  let page = await runList(conn, { ...list, cursor: null, limit: MAX_LIMIT, count });
  for (;;) {
    yield page;
    if (page.nextCursor === null) return;
    const cursor = decodeCursor(list.sort, page.nextCursor);
    page = await runList(conn, { ...list, cursor, limit: MAX_LIMIT, count: false });
  }
}

export interface ExportOptions {
  readonly format: SheetFormat;
  readonly headers: HeaderStyle;
  readonly language: Language;
  /** after each page, with the rows written so far */
  readonly onProgress?: (written: number) => void;
}

/**
 * Writes every record of `entity` that `reader` may export (the export action's row scope, no
 * field hidden from them) to `out` as CSV or XLSX, in id order, with no row cap: pages are read
 * from one snapshot and written as they come, waiting for the stream to drain, so memory holds
 * one page. Returns the number of rows written.
 */
export async function exportRecords(
  db: Database,
  reader: Reader,
  entity: string,
  out: Writable,
  options: ExportOptions,
): Promise<number> {
  const plan = addressablePlan(reader.plans, entity);
  const list = parseListQuery(reader, plan, {}, "export");
  const columns = exportColumns(
    plan.entity.fields,
    new Set(list.selection.columns.map((c) => c.key)),
    undefined,
    options.language,
    options.headers,
  );
  const table = tableWriter(
    options.format,
    out,
    columns,
    plan.entity.labels[options.language] ?? plan.entity.name,
  );
  const value = (column: (typeof columns)[number], record: Record<string, unknown>) =>
    options.format === "xlsx" ? column.cell(record[column.key]) : column.text(record[column.key]);
  let written = 0;
  await snapshot(db, async (tx) => {
    for await (const page of listPages(tx, list)) {
      table.rows(page.data.map((record) => columns.map((c) => value(c, record))));
      written += page.data.length;
      options.onProgress?.(written);
      // PGlite answers without returning to the event loop, where the file (and the XLSX zip)
      // is written: give it a turn, and wait while the file is behind
      await setImmediate();
      if (out.writableNeedDrain) await once(out, "drain");
    }
  });
  await table.end();
  return written;
}
