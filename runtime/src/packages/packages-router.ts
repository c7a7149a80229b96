import type { LoadedPackage, MigrationPlan, MigrationStep } from "@loom/engine";
import { type Request, type Response, Router } from "express";
import { requireAdministrator } from "../access/system-permission.ts";
import { checkAuthBody } from "../auth/auth-body.ts";
import type { Database } from "../db/database.ts";
import { jsonBody } from "../server/body-parsing.ts";
import { describeError, errorBody } from "../server/error-body.ts";
import { HttpError } from "../server/http-error.ts";
import type { RevisionRefresher } from "../server/publish/revision-refresher.ts";
import { installedPackages } from "../store/installed-packages.ts";
import { currentRevision } from "../store/revisions.ts";
import { type PackageFolder, readPackageInput, writePackageZip } from "./archive/index.ts";
import { exportFileName, exportPackages } from "./export-packages.ts";
import { type ImportResult, importPackages } from "./import-packages.ts";
import { type ImportRequest, prepareImport } from "./import-preview.ts";
import { loadFolders } from "./load-inputs.ts";
import {
  checkParameterValues,
  parameterStatuses,
  storedParameterValues,
  writeParameterValues,
} from "./parameters.ts";
import { purgeRetiredColumns } from "./purge-retired.ts";
import { rollbackRequest } from "./rollback-package.ts";
import { dropUpload, readUpload, saveUpload } from "./uploads.ts";

/** A zip of 20 MB, base64 in JSON. */
const UPLOAD_BODY_LIMIT = "30mb";
const NDJSON = "application/x-ndjson";

/**
 * Configuration packages over HTTP, for administrators: list, export, upload + preview, apply a
 * previewed plan (streaming progress as NDJSON when asked), roll a package back, parameters.
 * The same functions as the CLI (`loom export|import|rollback|params`).
 */
export function packagesRouter(db: Database, refresher: RevisionRefresher): Router {
  const router = Router();
  const body = jsonBody(UPLOAD_BODY_LIMIT);
  router.use("/api/packages", (req: Request, _res: Response, next: () => void) => {
    requireAdministrator(req, refresher.serving().model, "managing packages");
    next();
  });

  router.get("/api/packages", async (_req: Request, res: Response) => {
    const { installed, statuses } = await db.run(async (conn) => ({
      installed: await installedPackages(conn),
      statuses: parameterStatuses(
        (await currentRevision(conn))?.model.parameters,
        await storedParameterValues(conn),
      ),
    }));
    res.json({
      packages: installed.map((pkg) => ({
        name: pkg.name,
        version: pkg.version,
        layer: pkg.layer,
        labels: pkg.manifest.labels,
        dependsOn: pkg.manifest.dependsOn ?? {},
        installedAt: pkg.installedAt,
        installedBy: pkg.installedBy,
        files: Object.keys(pkg.files).length,
      })),
      parameters: statuses,
    });
  });

  router.get("/api/packages/:name/export", async (req: Request, res: Response) => {
    const name = String(req.params.name);
    const exported = await exportPackages(db, [name]);
    const zip = await writePackageZip(exported);
    res.type("application/zip").attachment(exportFileName(exported, new Date())).send(zip);
  });

  router.post("/api/packages/uploads", body, async (req: Request, res: Response) => {
    const upload = checkAuthBody<{ archive: string; parameters?: Record<string, unknown> }>(
      req.body,
      {
        archive: { type: "string", required: true, max: 40_000_000 },
        parameters: { type: "object" },
      },
    );
    const folders = await readPackageInput(decodeArchive(upload.archive));
    const packages = loadFolders(folders);
    // kept only once it could be previewed: a refused upload leaves nothing behind
    const { preview } = await prepareImport(db, { packages, parameters: upload.parameters ?? {} });
    const id = await db.run((conn) => saveUpload(conn, folders, req.principal!.username));
    req.log.info({ upload: id, planId: preview.planId }, "packages uploaded for preview");
    res.status(201).json({ upload: id, preview });
  });

  router.post("/api/packages/uploads/:id/preview", body, async (req: Request, res: Response) => {
    const options = changeBody(req.body ?? {});
    const request = await uploadRequest(db, String(req.params.id), options.parameters);
    res.json({ preview: (await prepareImport(db, request)).preview });
  });

  router.post("/api/packages/uploads/:id/apply", body, async (req: Request, res: Response) => {
    const options = changeBody(req.body, true);
    const id = String(req.params.id);
    const request = await uploadRequest(db, id, options.parameters);
    const applied = await applyAndAnswer(req, res, db, refresher, request, options.planId!);
    // an applied upload has served its purpose; a refused one stays for another try
    if (applied) await db.run((conn) => dropUpload(conn, id));
  });

  router.post("/api/packages/:name/rollback", body, async (req: Request, res: Response) => {
    const options = changeBody(req.body ?? {});
    const request = {
      ...(await rollbackRequest(db, String(req.params.name))),
      parameters: options.parameters,
    };
    if (options.planId === undefined) {
      res.json({ preview: (await prepareImport(db, request)).preview });
      return;
    }
    await applyAndAnswer(req, res, db, refresher, request, options.planId);
  });

  router.get("/api/packages/retired", async (_req: Request, res: Response) => {
    res.json({ data: await purgeRetiredColumns(db, { dryRun: true, actor: "preview" }) });
  });

  router.post("/api/packages/purge", body, async (req: Request, res: Response) => {
    const options = checkAuthBody<{ tables?: string[]; dryRun?: boolean }>(req.body ?? {}, {
      tables: { type: "string[]" },
      dryRun: { type: "boolean" },
    });
    const purged = await purgeRetiredColumns(db, {
      ...(options.tables && { tables: options.tables }),
      dryRun: options.dryRun === true,
      actor: req.principal!.username,
      logger: req.log,
    });
    res.json({ dryRun: options.dryRun === true, data: purged });
  });

  router.put("/api/packages/parameters", body, async (req: Request, res: Response) => {
    const { values } = checkAuthBody<{ values: Record<string, unknown> }>(req.body, {
      values: { type: "object", required: true },
    });
    const statuses = await db.transaction(async (tx) => {
      const declared = (await currentRevision(tx))?.model.parameters;
      const checked = checkParameterValues(declared, values);
      if (checked.issues.length > 0)
        throw new HttpError(
          422,
          "invalid-parameter",
          "some values are not accepted",
          checked.issues.map((issue) => ({
            path: issue.path ?? "",
            message: issue.message,
            code: issue.code,
          })),
        );
      await writeParameterValues(tx, declared, checked.values, req.principal!.username);
      return parameterStatuses(declared, await storedParameterValues(tx));
    });
    req.log.info({ parameters: Object.keys(values) }, "parameter values set");
    res.json({ parameters: statuses });
  });

  return router;
}

function changeBody(
  raw: unknown,
  planRequired = false,
): { planId?: string; parameters: Record<string, unknown> } {
  const options = checkAuthBody<{ planId?: string; parameters?: Record<string, unknown> }>(raw, {
    planId: { type: "string", required: planRequired, max: 64 },
    parameters: { type: "object" },
  });
  return { ...options, parameters: options.parameters ?? {} };
}

function decodeArchive(archive: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(archive))
    throw new HttpError(400, "invalid-archive", "archive must be the zip file's bytes in base64", [
      { path: "/archive", message: "not base64" },
    ]);
  return Buffer.from(archive, "base64");
}

async function uploadRequest(
  db: Database,
  id: string,
  parameters: Record<string, unknown>,
): Promise<ImportRequest> {
  const folders: PackageFolder[] = await db.run((conn) => readUpload(conn, id));
  const packages: LoadedPackage[] = loadFolders(folders);
  return { packages, parameters };
}

/**
 * Applies the request under its plan id and answers: one JSON result, or, when the client accepts
 * NDJSON, a line per migration step as it starts and a last line with the result or the error
 * (the status is 200 once streaming began, so a failure travels in that last line).
 */
async function applyAndAnswer(
  req: Request,
  res: Response,
  db: Database,
  refresher: RevisionRefresher,
  request: ImportRequest,
  planId: string,
): Promise<boolean> {
  const streaming = req.accepts(["application/json", NDJSON]) === NDJSON;
  const line = (value: unknown) => res.write(`${JSON.stringify(value)}\n`);
  if (streaming) {
    res.status(200).type(NDJSON);
    line({ type: "started", planId });
  }
  const beforeStep = async (step: MigrationStep, index: number, plan: MigrationPlan) => {
    if (streaming)
      line({ type: "step", index, total: plan.steps.length, description: step.description });
  };
  let result: ImportResult;
  try {
    result = await importPackages(db, request, {
      planId,
      actor: req.principal!.username,
      beforeStep,
    });
  } catch (error) {
    if (!streaming) throw error;
    const described = describeError(error);
    if (described.status >= 500) req.log.error({ err: error }, "package apply failed");
    line({ type: "error", status: described.status, error: errorBody(described, String(req.id)) });
    res.end();
    return false;
  }
  if (result.status === "applied") await refresher.refresh(result.revision.id);
  req.log.info({ planId, status: result.status }, "packages applied");
  const answer = {
    status: result.status,
    ...(result.status === "applied" && { revision: result.revision }),
    preview: result.preview,
  };
  if (streaming) {
    line({ type: "result", ...answer });
    res.end();
  } else res.json(answer);
  return true;
}
