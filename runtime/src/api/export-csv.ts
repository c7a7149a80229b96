import { setImmediate } from "node:timers/promises";
import type { Field, Labels, SelectOption } from "@loom/engine";
import { stringify } from "csv-stringify/sync";
import { type Request, type Response, Router } from "express";
import type { Readers } from "../access/reader.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import { addressablePlan } from "./addressable-plan.ts";
import { decodeCursor } from "./cursor.ts";
import { snapshot, withDataErrors } from "./data-read-router.ts";
import {
  type ListPage,
  type ListQuery,
  MAX_LIMIT,
  parseListQuery,
  runList,
} from "./list-records.ts";
import { badParameter, commaList, type QueryParams, single } from "./query-params.ts";
import type { JsonRecord } from "./read-records.ts";
import { type Language, preferredLanguage } from "./write/accept-language.ts";

/** More rows than this is refused before the first byte: narrow the filter, or export in parts. */
export const EXPORT_MAX_ROWS = 100_000;

/** List parameters about paging or nesting, which a whole-table CSV has no use for. */
const NOT_EXPORTED = ["limit", "cursor", "count", "expand"] as const;

/** Excel reads a CSV without a byte order mark in the system code page, garbling Chinese. */
const BOM = "\uFEFF";

/** One exported column: the field, its header, and its value as CSV text. */
interface CsvColumn {
  readonly key: string;
  readonly header: string;
  readonly text: (value: unknown) => string;
}

/**
 * GET /api/data/:entity/export.csv: the rows the list with the same `where`, shortcuts, `sort`
 * and `fields` would return, every page of them, in the export action's row scope. Mounted before
 * the record read, whose `/:id` would take `export.csv` for an id.
 */
export function exportCsvRouter(db: Database, readersOf: Readers): Router {
  const router = Router();
  router.get("/api/data/:entity/export.csv", async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const plan = addressablePlan(reader.plans, req.params.entity as string);
    const query = req.query as QueryParams;
    for (const name of NOT_EXPORTED) {
      if (query[name] !== undefined)
        throw badParameter(
          name,
          "unknown-parameter",
          `an export takes where, sort, fields and field shortcuts, not "${name}"`,
        );
    }
    const list = parseListQuery(reader, plan, query, "export");
    if (list.selection.lines.length > 0)
      throw badParameter("fields", "bad-fields", "a table field has no column in a CSV export");
    const columns = csvColumns(
      plan.entity.fields,
      list,
      single(query, "fields"),
      preferredLanguage(req.get("accept-language")),
    );
    await withDataErrors(() =>
      // one snapshot: the count checked and every page written agree, even as others write
      snapshot(db, async (tx) => {
        const pageOf = (cursor: string | null, count: boolean): Promise<ListPage> =>
          runList(tx, {
            ...list,
            cursor: cursor === null ? null : decodeCursor(list.sort, cursor),
            limit: MAX_LIMIT,
            count,
          });
        let page = await pageOf(null, true);
        if ((page.count ?? 0) > EXPORT_MAX_ROWS)
          throw new HttpError(
            422,
            "export-too-large",
            `the export would hold ${page.count} rows, more than ${EXPORT_MAX_ROWS}; narrow the filter`,
            [{ path: "/query/where", message: `at most ${EXPORT_MAX_ROWS} rows export at once` }],
          );
        res
          .status(200)
          .type("text/csv; charset=utf-8")
          .set("Content-Disposition", `attachment; filename="${plan.entity.name}.csv"`);
        // The snapshot is read at the database's pace, not the client's: the response buffers
        // what a slow or stalled client has not taken yet (at most EXPORT_MAX_ROWS rows), so a
        // download never holds a pooled connection, or PGlite's only session, while it travels.
        res.write(BOM + stringify([columns.map((c) => c.header)]));
        for (;;) {
          if (page.data.length > 0) res.write(stringify(page.data.map(rowOf(columns))));
          // PGlite answers without returning to the event loop: yield, so that the socket
          // flushes and a client that has gone is noticed
          await setImmediate();
          if (page.nextCursor === null || res.destroyed) break;
          page = await pageOf(page.nextCursor, false);
        }
        res.end();
      }),
    );
  });
  // export.csv is no record id: other methods get the unknown route's 404, not the record's 400
  router.all("/api/data/:entity/export.csv", (req: Request) => {
    throw new HttpError(404, "not-found", `no route for ${req.method} ${req.path}`);
  });
  return router;
}

/**
 * The selected fields, in the order `fields` names them (the order of the view's columns) or else
 * in model order, headed by their labels in the caller's language. System columns (id, version,
 * audit stamps) are left out: a CSV is read by people, who know records by their fields. Hidden
 * fields are not in the reader's plan, so never here.
 */
function csvColumns(
  fields: readonly Field[],
  list: ListQuery,
  fieldsText: string | undefined,
  language: Language,
): CsvColumn[] {
  const selected = new Set(list.selection.columns.map((c) => c.key));
  const byName = new Map(fields.map((field) => [field.name, field]));
  const order =
    fieldsText === undefined
      ? fields.map((field) => field.name)
      : commaList(fieldsText, "fields", "bad-fields");
  return order.flatMap((name) => {
    const field = byName.get(name);
    if (!field || !selected.has(name)) return [];
    return [{ key: name, header: labelIn(field.labels, language), text: textOf(field, language) }];
  });
}

function labelIn(labels: Labels, language: Language): string {
  return labels[language] ?? labels.en;
}

/**
 * A value as the list returns it, as text: select values as their option labels (what users see
 * on screen), links as the linked record's id, booleans as true/false, JSON as JSON.
 */
function textOf(field: Field, language: Language): (value: unknown) => string {
  const options = new Map<string, string>(
    (field.options ?? []).map((o: SelectOption) => [o.value, labelIn(o.labels, language)]),
  );
  const plain = (value: unknown): string => {
    if (value === null || value === undefined) return "";
    if (typeof value === "string") return options.get(value) ?? value;
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  };
  return (value) =>
    field.type === "multiselect" && Array.isArray(value)
      ? value.map(plain).join(", ")
      : plain(value);
}

function rowOf(columns: readonly CsvColumn[]): (record: JsonRecord) => string[] {
  return (record) => columns.map((column) => column.text(record[column.key]));
}
