import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type LoadedPackage, parsePackage } from "@loom/engine";
import { readers } from "../src/access/reader.ts";
import { compileReadPlans } from "../src/api/read-plan.ts";
import { compileWritePlans } from "../src/api/write/write-plan.ts";
import type { ActingUser } from "../src/data-transfer/acting-user.ts";
import type { Cell } from "../src/data-transfer/cells.ts";
import {
  type ImportOptions,
  type ImportResult,
  importRecords,
  type RowError,
} from "../src/data-transfer/import-records.ts";
import { importTarget } from "../src/data-transfer/import-target.ts";
import { type SheetFormat, sheetRows } from "../src/data-transfer/sheet-rows.ts";
import type { Database } from "../src/db/database.ts";
import { HttpError } from "../src/server/http-error.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { installSample } from "./support/sample-app.ts";

const role = (name: string, grants: unknown[]) =>
  JSON.stringify({ kind: "role", name, labels: { en: name }, grants });

/**
 * Roles that import, on top of the sample (whose roles import nothing): a customer importer who
 * does not see credit limits nor set remarks, an expense claim importer for their own claims
 * only, a customer creator who may not import, and an importer who may not create; and a part
 * entity that links to itself.
 */
export const IMPORT_ROLES: LoadedPackage = (() => {
  const { package: loaded, issues } = parsePackage({
    "loom-package.json": JSON.stringify({
      kind: "package",
      name: "import-roles",
      version: "1.0.0",
      layer: "customization",
      labels: { en: "Import roles" },
      dependsOn: { manufacturing: "^1.0.0", "acme-custom": "^1.0.0" },
    }),
    "roles/customer_importer.json": role("customer_importer", [
      {
        entity: "customer",
        actions: ["read", "create", "import"],
        hiddenFields: ["credit_limit"],
        readOnlyFields: ["remark"],
      },
      { entity: "sales_region", actions: ["read"] },
    ]),
    "roles/claim_importer.json": role("claim_importer", [
      {
        entity: "expense_claim",
        actions: ["read", "create", "import"],
        where: { "==": [{ var: "claimant" }, { var: "$user.username" }] },
      },
    ]),
    "roles/customer_creator.json": role("customer_creator", [
      { entity: "customer", actions: ["read", "create"] },
    ]),
    "roles/import_only.json": role("import_only", [
      { entity: "customer", actions: ["read", "import"] },
    ]),
    // links to itself: a row may name a part of an earlier row of the same file
    "entities/import_part.json": JSON.stringify({
      kind: "entity",
      name: "import_part",
      labels: { en: "Part" },
      titleField: "code",
      fields: [
        { name: "code", type: "text", labels: { en: "Code" }, required: true, unique: true },
        { name: "successor", type: "link", target: "import_part", labels: { en: "Successor" } },
      ],
    }),
  });
  if (!loaded) throw new Error(`import-roles does not parse: ${JSON.stringify(issues)}`);
  return loaded;
})();

/** The sample with the import roles. */
export function installForImport(db: Database): Promise<void> {
  return installSample(db, [IMPORT_ROLES]);
}

/** What `username` with these roles may do on the current revision, as the CLI builds it. */
export async function actingAs(
  db: Database,
  username: string,
  roles: readonly string[],
  attributes: Readonly<Record<string, unknown>> = {},
): Promise<ActingUser> {
  const revision = await db.run((k) => currentRevision(k));
  if (!revision) throw new Error("no revision installed");
  const readPlans = compileReadPlans(revision.model);
  return {
    reader: readers(revision.model, readPlans).forPrincipal({
      userId: randomUUID(),
      username,
      roles,
      attributes,
      via: "token",
    }),
    plans: compileWritePlans(revision.model, readPlans),
  };
}

/** A refused rows' report as the tests compare it: the row and `path message` of each reason. */
export type Refused = Record<number, string[]>;

export type ImportRun =
  | (ImportResult & { refused: Refused; rejected: number })
  | {
      status: number;
      code: string;
      message: string;
      details: readonly { path: string; message: string }[];
    };

/**
 * Imports `content` (CSV text, or an XLSX file's bytes) into `entity` as `user`: the result and
 * every refused row, or the refusal of the whole file (its HTTP status, code and details).
 */
export async function importContent(
  db: Database,
  user: ActingUser,
  entity: string,
  content: string | Buffer,
  options: Partial<ImportOptions> & { format?: SheetFormat; sheet?: string } = {},
): Promise<ImportRun> {
  const format = options.format ?? "csv";
  const dir = await mkdtemp(path.join(tmpdir(), "loom-import-test-"));
  const file = path.join(dir, `data.${format}`);
  await writeFile(file, content);
  const refused: Refused = {};
  try {
    const target = importTarget(user.reader, user.plans, entity, "en");
    const result = await importRecords(db, target, sheetRows(file, format, options.sheet), {
      mode: "all-or-nothing",
      dryRun: false,
      ...options,
      onRejected: async (rejected: RowError, cells: readonly Cell[], header) => {
        refused[rejected.row] = rejected.errors.map((e) => `${e.path} ${e.message}`);
        await options.onRejected?.(rejected, cells, header);
      },
    });
    return { ...result, refused };
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return {
      status: error.status,
      code: error.code,
      message: error.message,
      details: error.details,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Every row of an app table as JSON, in a stable order: to compare a table before and after. */
export async function tableRows(db: Database, table: string): Promise<unknown[]> {
  return db.run(async (k) =>
    (await k.raw(`SELECT to_jsonb(t) AS row FROM "app"."${table}" t ORDER BY "id"`)).rows.map(
      (r: { row: unknown }) => r.row,
    ),
  );
}

/** Everything an import may write: the entity's rows, the audit log and the naming series. */
export async function importState(db: Database, table: string): Promise<unknown> {
  return {
    rows: await tableRows(db, table),
    audit: await db.run(
      async (k) => (await k.raw(`SELECT * FROM loom_sys.audit_log ORDER BY id`)).rows,
    ),
    series: await db.run(
      async (k) => (await k.raw(`SELECT * FROM loom_sys.naming_series ORDER BY 1, 2`)).rows,
    ),
  };
}
