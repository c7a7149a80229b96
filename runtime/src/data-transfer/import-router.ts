import { type NextFunction, type Request, type Response, Router } from "express";
import type { Readers } from "../access/reader.ts";
import { badParameter, type QueryParams, single } from "../api/query-params.ts";
import { preferredLanguage } from "../api/write/accept-language.ts";
import type { WritePlans } from "../api/write/write-plan.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import {
  IMPORT_MODES,
  type ImportMode,
  type ImportResult,
  importRecords,
  type RowError,
} from "./import-records.ts";
import { importTarget } from "./import-target.ts";
import { checkSheetChoice, type SheetFormat, sheetRows, XLSX_TYPE } from "./sheet-rows.ts";
import { spoolBody } from "./spool-body.ts";

/** The largest file taken over HTTP; larger ones go through `loom data import`. */
export const IMPORT_BODY_LIMIT = 256 * 1024 * 1024;
/** How many refused rows an answer lists; the count says how many there were. */
export const ANSWER_ERRORS = 1000;

const PATH = "/api/data/:entity/import";
const PARAMETERS = new Set(["mode", "dryRun", "sheet"]);

/** The media types of a file the import reads, by what each says the body is. */
const FORMATS: Readonly<Record<string, SheetFormat>> = {
  "text/csv": "csv",
  "application/csv": "csv",
  "text/plain": "csv",
  [XLSX_TYPE]: "xlsx",
};

/** What an import answers: its result and the first refused rows. */
export interface ImportAnswer extends ImportResult {
  readonly errors: readonly RowError[];
  readonly errorsTruncated: boolean;
}

/**
 * POST /api/data/:entity/import?mode=all-or-nothing|skip-bad-rows&dryRun=true&sheet=…, the file
 * (CSV or XLSX, by Content-Type) as the body: permissions and parameters are checked first, then
 * the body is saved to a temporary file (spoolBody), then imported (importRecords). 200 with
 * the result; 422 `rows-refused` with the same fields when all-or-nothing refused rows.
 * Part of the revision's router; reached before the JSON body parser through importBodyRoute.
 */
export function importRouter(
  plans: WritePlans,
  db: Database,
  readersOf: Readers,
  bodyLimit = IMPORT_BODY_LIMIT,
): Router {
  const router = Router();
  router.post(PATH, async (req: Request, res: Response) => {
    const reader = readersOf.of(req);
    const language = preferredLanguage(req.get("accept-language"));
    const target = importTarget(reader, plans, req.params.entity as string, language);
    const query = req.query as QueryParams;
    const mode = importMode(single(query, "mode"));
    const dryRun = booleanParameter(query, "dryRun");
    const sheet = single(query, "sheet");
    for (const name of Object.keys(query))
      if (!PARAMETERS.has(name))
        throw badParameter(
          name,
          "unknown-parameter",
          `an import takes mode, dryRun and sheet, not "${name}"`,
        );
    const format = formatOf(req);
    checkSheetChoice(format, sheet);
    const body = await spoolBody(req, bodyLimit, format);
    try {
      const errors: RowError[] = [];
      const result = await importRecords(db, target, sheetRows(body.file, format, sheet), {
        mode,
        dryRun,
        onRejected: (rejected) => {
          if (errors.length < ANSWER_ERRORS) errors.push(rejected);
        },
      });
      const answer: ImportAnswer = {
        ...result,
        errors,
        errorsTruncated: result.rejected > errors.length,
      };
      if (!dryRun && mode === "all-or-nothing" && result.rejected > 0)
        throw new HttpError(
          422,
          "rows-refused",
          `${result.rejected} of ${result.rows} rows were refused, so none was imported: fix them (see errors), or import with mode=skip-bad-rows`,
          [],
          { ...answer },
        );
      res.json(answer);
    } finally {
      await body.remove();
    }
  });
  // `import` is no record id: other methods get the unknown route's 404, not the record's 400
  router.all(PATH, (req: Request) => {
    throw new HttpError(404, "not-found", `no route for ${req.method} ${req.path}`);
  });
  return router;
}

/**
 * Mounted before the JSON body parser (createHttpApp's `routes`): hands an import's request,
 * whose body is a file and not JSON, to the current revision's router, which serves it.
 */
export function importBodyRoute(current: () => { readonly router: Router }): Router {
  const router = Router();
  router.post(PATH, (req: Request, res: Response, next: NextFunction) => {
    current().router(req, res, (error?: unknown) => {
      // no revision serves data: the entity is unknown, whatever the body
      next(
        error ?? new HttpError(404, "unknown-entity", `there is no entity "${req.params.entity}"`),
      );
    });
  });
  return router;
}

function formatOf(req: Request): SheetFormat {
  const type = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  const format = FORMATS[type];
  if (!format)
    throw new HttpError(
      415,
      "unsupported-media-type",
      `send the file as text/csv (UTF-8) or ${XLSX_TYPE}`,
      [{ path: "/headers/content-type", message: `${type || "none"} is not CSV or XLSX` }],
    );
  return format;
}

function importMode(text: string | undefined): ImportMode {
  if (text === undefined) return "all-or-nothing";
  if ((IMPORT_MODES as readonly string[]).includes(text)) return text as ImportMode;
  throw badParameter(
    "mode",
    "bad-parameter",
    `mode is ${IMPORT_MODES.join(" or ")}, not "${text}"`,
  );
}

function booleanParameter(query: QueryParams, name: string): boolean {
  const text = single(query, name);
  if (text === undefined || text === "false") return false;
  if (text === "true") return true;
  throw badParameter(name, "bad-parameter", `${name} is true or false`);
}
