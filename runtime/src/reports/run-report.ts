import {
  type AppModel,
  type CompiledReport,
  compileReport,
  datasetModel,
  decodeReport,
  drillEntities,
  drillWheres,
  LoomError,
  type ReportDef,
  ReportRefusal,
  type ReportResult,
  resolveParameters,
} from "@loom/engine";
import type { Knex } from "knex";
import type { Reader } from "../access/reader.ts";
import type { Language } from "../api/write/accept-language.ts";
import type { Database } from "../db/database.ts";
import { refuseValueErrors } from "../db/value-errors.ts";
import { HttpError } from "../server/http-error.ts";
import { reportAccess } from "./report-access.ts";

export interface RunReport {
  readonly def: ReportDef;
  /** the revision's full model (the reader restricts it) */
  readonly model: AppModel;
  readonly reader: Reader;
  /** the caller's values by name: query-string text, or a preview's JSON values */
  readonly given: Readonly<Record<string, unknown>>;
  readonly language: Language;
  readonly now: Date;
}

/**
 * Runs a report for one caller: parameters checked (400 `invalid-parameter`), compiled into one
 * statement in the caller's scopes (403 `forbidden` / `field-hidden`), run, and read back with
 * labels in the caller's language and each row's drill-down.
 */
export async function runReport(db: Database, run: RunReport): Promise<ReportResult> {
  const started = performance.now();
  const { def, model, reader } = run;
  const compiled = compiledFor(run);
  const { sql: statement } = compiled;
  const rows = await withValueErrors(() => runStatement(db, statement.sql, statement.params));
  const decoded = decodeReport(statement, def, model, rows, run.language);
  const { keys, ...parts } = decoded;
  const drill = drillOf(def, model, reader);
  return {
    report: def,
    parameters: compiled.values,
    ...parts,
    ...(drill && { drill: { ...drill, where: drillWheres(statement, keys) } }),
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** The checked parameter values and the compiled statement, or the HttpError saying why not. */
export function compiledFor(run: RunReport): {
  values: Record<string, unknown>;
  /** the compiled statement (bench/reports reads it for EXPLAIN) */
  sql: CompiledReport;
} {
  const { def, model, reader } = run;
  const { values, problems } = resolveParameters(def.parameters ?? [], run.given, run.now);
  if (problems.length > 0)
    throw new HttpError(
      400,
      "invalid-parameter",
      `the report's parameters are not valid: ${problems.map((p) => p.message).join("; ")}`,
      problems,
    );
  try {
    const statement = compileReport({
      report: def,
      model,
      access: reportAccess(reader),
      parameters: values,
      user: reader.user,
      now: run.now,
    });
    return { values, sql: statement };
  } catch (error) {
    throw asHttpError(error);
  }
}

/** The engine's refusals as the API's: 403 for permissions, 400 for a definition that does not compile. */
export function asHttpError(error: unknown): unknown {
  if (!(error instanceof LoomError)) return error;
  const details = error.issues.map((issue) => ({
    path: issue.path ?? "",
    message: issue.message,
    code: issue.code,
  }));
  if (error instanceof ReportRefusal)
    return new HttpError(
      403,
      error.code,
      error.message,
      details,
      error.permission === undefined ? {} : { permission: error.permission },
    );
  return new HttpError(
    400,
    error.code === "invalid-parameter" ? "invalid-parameter" : "invalid-report",
    error.message,
    details,
  );
}

/** The list a row opens: the report's drill view, else the default view of its root's document. */
function drillOf(
  def: ReportDef,
  model: AppModel,
  reader: Reader,
): { view: string; entity: string } | undefined {
  const [entity] = drillEntities(def.entity, datasetModel(model));
  if (entity === undefined) return undefined;
  const view = def.drill?.view ?? entity;
  // a view the caller cannot open is no drill-down (every column hidden, say)
  if (!reader.model.views[view]) return undefined;
  return { view, entity };
}

/**
 * A parameter value PostgreSQL cannot read as the type it is compared with (a text parameter
 * compared with a link: not a uuid) is the caller's 400, like a list filter's (SQLSTATE class 22).
 */
function withValueErrors<T>(work: () => Promise<T>): Promise<T> {
  return refuseValueErrors(
    work,
    () =>
      new HttpError(
        400,
        "invalid-parameter",
        "a parameter value does not fit the type of the field the report compares it with",
        [{ path: "", message: "a value does not fit its field's type" }],
      ),
  );
}

/**
 * The report's one statement. On a server, inside a read-only transaction with JIT off: a
 * million-row aggregate is estimated costly enough for PostgreSQL to JIT-compile it, which takes
 * longer (about a second) than running it. PGlite has no JIT.
 */
async function runStatement(
  db: Database,
  sql: string,
  params: readonly unknown[],
): Promise<Record<string, unknown>[]> {
  const run = async (knex: Knex) =>
    ((await knex.raw(sql, params as Knex.RawBinding[])) as { rows: Record<string, unknown>[] })
      .rows;
  if (db.kind !== "postgres") return db.run(run);
  return db.transaction(async (tx) => {
    await tx.raw("SET TRANSACTION READ ONLY");
    await tx.raw("SET LOCAL jit = off");
    return run(tx);
  });
}
