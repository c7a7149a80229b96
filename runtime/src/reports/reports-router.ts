import {
  type AppModel,
  checkReport,
  type Report,
  type ReportDef,
  validateDocument,
} from "@loom/engine";
import { type Request, type Response, Router } from "express";
import type { Readers } from "../access/reader.ts";
import { requireSystemPermission } from "../access/system-permission.ts";
import { preferredLanguage } from "../api/write/accept-language.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import { writeReportFile } from "./report-export.ts";
import { runReport } from "./run-report.ts";
import { runnableReports } from "./runnable-reports.ts";

/**
 * /api/reports of one revision: the reports and dashboards the caller may run, a report run with
 * the query's parameters (JSON, CSV or XLSX), and the designer's preview of a draft report. The
 * clock is passed in so tests fix relative dates.
 */
export function reportsRouter(
  model: AppModel,
  db: Database,
  readersOf: Readers,
  now: () => Date = () => new Date(),
): Router {
  const router = Router();

  router.get("/api/reports", (req: Request, res: Response) => {
    res.json(runnableReports(model, readersOf.of(req), now()));
  });

  router.post("/api/reports/preview", async (req: Request, res: Response) => {
    requireSystemPermission(req, model, "designer", "previewing a report");
    const { report, parameters } = previewBody(req.body);
    const issues = [
      ...validateDocument("report", report).map((e) => ({
        path: e.pointer,
        message: e.message,
        code: "schema",
      })),
    ];
    if (issues.length === 0) issues.push(...checkReport(report as ReportDef, model));
    if (issues.length > 0)
      throw new HttpError(
        400,
        "invalid-report",
        `the report is not valid: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
        issues,
      );
    res.json(await run(req, report as ReportDef, parameters));
  });

  // "preview" is no report name: other methods get the unknown route's 404, not unknown-report
  router.all("/api/reports/preview", (req: Request) => {
    throw new HttpError(404, "not-found", `no route for ${req.method} ${req.path}`);
  });

  router.get("/api/reports/:name", async (req: Request, res: Response) => {
    res.json(await run(req, reportNamed(req), req.query));
  });

  for (const format of ["csv", "xlsx"] as const)
    router.get(`/api/reports/:name/export.${format}`, async (req: Request, res: Response) => {
      const result = await run(req, reportNamed(req), req.query);
      await writeReportFile(res, result, format, preferredLanguage(req.get("accept-language")));
    });

  const reportNamed = (req: Request): ReportDef => {
    const name = req.params.name as string;
    const found: Report | undefined = Object.hasOwn(model.reports ?? {}, name)
      ? model.reports![name]
      : undefined;
    if (!found) throw new HttpError(404, "unknown-report", `there is no report "${name}"`);
    const { origin: _origin, ...def } = found;
    return def;
  };

  const run = (req: Request, def: ReportDef, given: unknown) =>
    runReport(db, {
      def,
      model,
      reader: readersOf.of(req),
      given: given as Record<string, unknown>,
      language: preferredLanguage(req.get("accept-language")),
      now: now(),
    });

  return router;
}

/** `{ report, parameters? }`: a report object, and parameter values by name. */
function previewBody(body: unknown): { report: unknown; parameters: Record<string, unknown> } {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isObject(body) || !isObject(body.report))
    throw new HttpError(400, "invalid-body", 'the body is { "report": {…}, "parameters": {…} }', [
      { path: "/report", message: "must be a report definition (an object)" },
    ]);
  const unknown = Object.keys(body).filter((k) => k !== "report" && k !== "parameters");
  if (unknown.length > 0 || (body.parameters !== undefined && !isObject(body.parameters)))
    throw new HttpError(400, "invalid-body", 'the body is { "report": {…}, "parameters": {…} }', [
      ...unknown.map((k) => ({ path: `/${k}`, message: `unknown property "${k}"` })),
      ...(body.parameters !== undefined && !isObject(body.parameters)
        ? [{ path: "/parameters", message: "must be an object of values by parameter name" }]
        : []),
    ]);
  return { report: body.report, parameters: (body.parameters as Record<string, unknown>) ?? {} };
}
