import { once } from "node:events";
import { setImmediate } from "node:timers/promises";
import { type Request, type Response, Router } from "express";
import type { Readers } from "../access/reader.ts";
import { exportColumns, HEADER_STYLES, type HeaderStyle } from "../data-transfer/export-columns.ts";
import { listPages } from "../data-transfer/export-records.ts";
import { type SheetFormat, XLSX_TYPE } from "../data-transfer/sheet-rows.ts";
import { tableWriter } from "../data-transfer/table-writer.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import { addressablePlan } from "./addressable-plan.ts";
import { snapshot, withDataErrors } from "./data-read-router.ts";
import { parseListQuery } from "./list-records.ts";
import { badParameter, commaList, type QueryParams, single } from "./query-params.ts";
import { preferredLanguage } from "./write/accept-language.ts";

/** More rows than this is refused before the first byte: narrow the filter, or export in parts. */
export const EXPORT_MAX_ROWS = 100_000;

/** List parameters about paging or nesting, which a whole-table file has no use for. */
const NOT_EXPORTED = ["limit", "cursor", "count", "expand"] as const;

const CONTENT_TYPES: Readonly<Record<SheetFormat, string>> = {
  csv: "text/csv; charset=utf-8",
  xlsx: XLSX_TYPE,
};

/**
 * GET /api/data/:entity/export.csv and export.xlsx: the rows the list with the same `where`,
 * shortcuts, `sort` and `fields` would return, every page of them, in the export action's row
 * scope, headed by labels (or names, `headers=names`). Mounted before the record read, whose
 * `/:id` would take `export.csv` for an id.
 */
export function exportCsvRouter(db: Database, readersOf: Readers): Router {
  const router = Router();
  for (const format of ["csv", "xlsx"] as const) {
    const path = `/api/data/:entity/export.${format}`;
    router.get(path, (req: Request, res: Response) => exportFile(db, readersOf, format, req, res));
    // export.csv is no record id: other methods get the unknown route's 404, not the record's 400
    router.all(path, (req: Request) => {
      throw new HttpError(404, "not-found", `no route for ${req.method} ${req.path}`);
    });
  }
  return router;
}

async function exportFile(
  db: Database,
  readersOf: Readers,
  format: SheetFormat,
  req: Request,
  res: Response,
): Promise<void> {
  const reader = readersOf.of(req);
  const plan = addressablePlan(reader.plans, req.params.entity as string);
  const { headers: headersText, ...query } = req.query as QueryParams;
  for (const name of NOT_EXPORTED) {
    if (query[name] !== undefined)
      throw badParameter(
        name,
        "unknown-parameter",
        `an export takes where, sort, fields, headers and field shortcuts, not "${name}"`,
      );
  }
  const headers = headerStyle(single({ headers: headersText }, "headers"));
  const list = parseListQuery(reader, plan, query, "export");
  if (list.selection.lines.length > 0)
    throw badParameter("fields", "bad-fields", "a table field has no column in an export");
  const fieldsText = single(query, "fields");
  const language = preferredLanguage(req.get("accept-language"));
  const columns = exportColumns(
    plan.entity.fields,
    new Set(list.selection.columns.map((c) => c.key)),
    fieldsText === undefined ? undefined : commaList(fieldsText, "fields", "bad-fields"),
    language,
    headers,
  );
  let table: ReturnType<typeof tableWriter> | undefined;
  await withDataErrors(() =>
    // one snapshot: the count checked and every page written agree, even as others write
    snapshot(db, async (tx) => {
      for await (const page of listPages(tx, list, true)) {
        if (!table) {
          if ((page.count ?? 0) > EXPORT_MAX_ROWS)
            throw new HttpError(
              422,
              "export-too-large",
              `the export would hold ${page.count} rows, more than ${EXPORT_MAX_ROWS}; narrow the filter`,
              [{ path: "/query/where", message: `at most ${EXPORT_MAX_ROWS} rows export at once` }],
            );
          res
            .status(200)
            .type(CONTENT_TYPES[format])
            .set("Content-Disposition", `attachment; filename="${plan.entity.name}.${format}"`);
          table = tableWriter(
            format,
            res,
            columns,
            plan.entity.labels[language] ?? plan.entity.name,
          );
        }
        // The snapshot is read at the database's pace, not the client's: the response buffers
        // what a slow or stalled client has not taken yet (at most EXPORT_MAX_ROWS rows), so a
        // download never holds a pooled connection, or PGlite's only session, while it travels.
        table.rows(
          page.data.map((record) =>
            columns.map((column) =>
              format === "xlsx" ? column.cell(record[column.key]) : column.text(record[column.key]),
            ),
          ),
        );
        // PGlite answers without returning to the event loop: yield, so that the socket
        // flushes and a client that has gone is noticed
        await setImmediate();
        if (res.destroyed) break;
      }
    }),
  );
  // the end of an XLSX waits for the client to take it all: outside the snapshot, and given up
  // when the client goes
  if (table && !res.destroyed) await Promise.race([table.end(), once(res, "close")]);
}

function headerStyle(text: string | undefined): HeaderStyle {
  if (text === undefined) return "labels";
  if ((HEADER_STYLES as readonly string[]).includes(text)) return text as HeaderStyle;
  throw badParameter("headers", "bad-parameter", `headers is "labels" or "names", not "${text}"`);
}
