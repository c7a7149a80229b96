import type { Knex } from "knex";
import { idsInScope } from "../access/write-access.ts";
import type { JsonRecord } from "../api/read-records.ts";
import { checkBody } from "../api/write/body-validators.ts";
import { newRecord } from "../api/write/build-record.ts";
import { checkRules } from "../api/write/check-rules.ts";
import { applyComputed } from "../api/write/computed-values.ts";
import { describeDatabaseError } from "../api/write/database-errors.ts";
import { type Linked, loadLinkedMany } from "../api/write/linked-records.ts";
import { nextNumbers } from "../api/write/naming-series.ts";
import { insertRows } from "../api/write/store-rows.ts";
import { saveCreate } from "../api/write/write-record.ts";
import { type ErrorDetail, HttpError } from "../server/http-error.ts";
import { auditImported } from "./audit-imported.ts";
import type { LinkKey } from "./cell-values.ts";
import type { SheetRow } from "./cells.ts";
import type { ImportTarget } from "./import-target.ts";

/** A row on its way in: its body as a POST would send it, then the record built from it. */
export interface PendingRow {
  readonly source: SheetRow;
  readonly body: JsonRecord;
  /** the link cells given by key text, looked up for the whole batch (import-records.ts) */
  readonly keys: readonly (readonly [field: string, key: LinkKey])[];
  /** every reason the row is refused; empty while it is good */
  readonly errors: ErrorDetail[];
  record?: JsonRecord;
}

const good = (rows: readonly PendingRow[]) => rows.filter((row) => row.errors.length === 0);

/**
 * The first steps of a POST (write-record.ts saveCreate) for a row, which need no database: the
 * body validator, then the record with its defaults. The importer runs them for the rows of the
 * next batch while the database stores this one. A link cell's body holds PENDING_LINK until
 * its key is looked up.
 */
export function buildRecord(target: ImportTarget, row: PendingRow, now: Date): void {
  const { plan } = target;
  if (row.errors.length > 0) {
    // also what the validator finds in the cells that did convert, to report it all at once
    const unreadable = new Set(row.errors.map((error) => error.path));
    refused(row, () => checkBody(plan.validate.create, row.body), unreadable);
    return;
  }
  refused(row, () => {
    checkBody(plan.validate.create, row.body);
    row.record = newRecord(plan, row.body, now);
  });
}

/** What a link given by key text holds until the lookup: an id the body validator accepts. */
export const PENDING_LINK = "00000000-0000-0000-0000-000000000000";

/**
 * Creates the good rows of a built batch (buildRecord, links looked up) in the caller's
 * transaction, through the rest of a POST taken for the whole batch at once: the links (one
 * query per level for the batch), computed values, rules, the naming series (one counter update
 * for the batch), ONE insert, the row scope (one query), the audit entries (one statement, see
 * audit-imported.ts). A row refused at a step gets that step's errors and goes no further.
 * Returns how many rows were written.
 */
export async function writeBatch(
  tx: Knex.Transaction,
  target: ImportTarget,
  rows: readonly PendingRow[],
  now: Date,
): Promise<number> {
  const { plan, plans } = target;
  const candidates = good(rows);
  const { linked, unknown } = await loadLinkedMany(
    tx,
    plans,
    plan,
    candidates.map((row) => row.record!),
  );
  candidates.forEach((row, i) => {
    if (unknown[i]!.length > 0) row.errors.push(...unknown[i]!);
  });
  // the number is taken before the rules only when an expression reads it (see numberInInsert)
  const numberFirst = plan.namingSeries !== undefined && !plan.numberInInsert;
  if (!numberFirst)
    for (const row of good(rows)) refused(row, () => checkRecord(target, row, linked, now));
  return storeRows(tx, target, good(rows), linked, now, numberFirst);
}

/**
 * Inserts rows checked but for their number, under a savepoint. A row the database refuses (a
 * unique value taken, even by an earlier row of the file) rolls the savepoint back and the rows
 * are halved until the refused one is alone; that one is then written as a POST writes it
 * (saveCreate), which refuses it with the API's own error (or writes it, when what it met was
 * gone meanwhile). Rows outside the scope are refused and the others written again, so no number
 * is lost to a refused row.
 */
async function storeRows(
  tx: Knex.Transaction,
  target: ImportTarget,
  rows: readonly PendingRow[],
  linked: Linked,
  now: Date,
  numberFirst: boolean,
): Promise<number> {
  const { plan, context } = target;
  let pending = rows;
  while (pending.length > 0) {
    await tx.raw(`SAVEPOINT ${SAVEPOINT}`);
    const series = plan.namingSeries;
    if (series) {
      const numbers = await nextNumbers(tx, plan.entity.name, series, now, pending.length);
      pending.forEach((row, i) => {
        row.record![series.field] = numbers[i]!;
      });
    }
    if (numberFirst) {
      for (const row of pending) refused(row, () => checkRecord(target, row, linked, now));
      if (pending.some((row) => row.errors.length > 0)) {
        await rollback(tx);
        pending = good(pending);
        continue;
      }
    }
    try {
      await insertRows(
        tx,
        plan,
        pending.map((row) => ({ record: row.record! })),
        context.actor,
      );
    } catch (error) {
      if (!(describeDatabaseError(error, plan, pending[0]!.record!) instanceof HttpError))
        throw error;
      await rollback(tx);
      if (pending.length === 1) return createAlone(tx, target, pending[0]!, now);
      const half = Math.ceil(pending.length / 2);
      return (
        (await storeRows(tx, target, pending.slice(0, half), linked, now, numberFirst)) +
        (await storeRows(tx, target, pending.slice(half), linked, now, numberFirst))
      );
    }
    const ids = pending.map((row) => row.record!.id as string);
    if (context.scope) {
      const inScope = await idsInScope(tx, plan, ids, context.scope);
      const outside = pending.filter((row) => !inScope.has(row.record!.id as string));
      if (outside.length > 0) {
        for (const row of outside) row.errors.push(...outsideScope(target));
        await rollback(tx);
        pending = good(pending);
        continue;
      }
    }
    await auditImported(
      tx,
      plan.entity.name,
      context.actor,
      pending.map((row) => ({ id: row.record!.id as string, row: row.source.row })),
    );
    await tx.raw(`RELEASE SAVEPOINT ${SAVEPOINT}`);
    return pending.length;
  }
  return 0;
}

const SAVEPOINT = "loom_import_rows";

async function rollback(tx: Knex.Transaction): Promise<void> {
  await tx.raw(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
  await tx.raw(`RELEASE SAVEPOINT ${SAVEPOINT}`);
}

/** One row written exactly as POST /api/data/:entity writes a record, under its own savepoint. */
async function createAlone(
  tx: Knex.Transaction,
  target: ImportTarget,
  row: PendingRow,
  now: Date,
): Promise<number> {
  const { plan, plans, context } = target;
  await tx.raw(`SAVEPOINT ${SAVEPOINT}`);
  try {
    await saveCreate(tx, plans, plan, row.record!, context, now);
  } catch (error) {
    const described = describeDatabaseError(error, plan, row.record!);
    if (!(described instanceof HttpError)) throw error;
    await rollback(tx);
    row.errors.push(...detailsOf(described));
    return 0;
  }
  await tx.raw(`RELEASE SAVEPOINT ${SAVEPOINT}`);
  return 1;
}

/** Computed values, then `requiredIf` and the rules, as saveCreate runs them. */
function checkRecord(target: ImportTarget, row: PendingRow, linked: Linked, now: Date): void {
  applyComputed(target.plan, row.record!, linked, now);
  checkRules(target.plan, row.record!, linked, target.context.language, now);
}

/**
 * Runs a step of the API for a row; the client error it throws becomes the row's errors, but for
 * problems at `known` paths (a cell that did not convert is also a missing property).
 */
function refused(row: PendingRow, step: () => void, known?: ReadonlySet<string>): void {
  try {
    step();
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    row.errors.push(...detailsOf(error).filter((detail) => !known?.has(detail.path)));
  }
}

/** The details of a refusal; one with none (409 version, 403 scope) as its message at the record. */
export function detailsOf(error: HttpError): ErrorDetail[] {
  return error.details.length > 0 ? [...error.details] : [{ path: "", message: error.message }];
}

function outsideScope(target: ImportTarget): ErrorDetail[] {
  const name = target.plan.entity.name;
  return [
    {
      path: "",
      message: `the ${name} would be outside the records your roles may create (permission ${name}.create)`,
    },
  ];
}
