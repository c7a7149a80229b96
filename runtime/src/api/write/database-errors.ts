import { type ErrorDetail, HttpError } from "../../server/http-error.ts";
import type { JsonRecord } from "../read-records.ts";
import type { WritePlan } from "./write-plan.ts";

interface PgError {
  code: string;
  constraint?: string;
  column?: string;
  table?: string;
  detail?: string;
}

/**
 * What the database refused, told in the record's terms: a unique index → 409
 * `unique-violation` at the field, a foreign key (a target deleted meanwhile) → 422
 * `unknown-link`, a NOT NULL column left empty → 422 `required`, a value the column type
 * refuses → 400 `invalid-record`. Anything else is returned as is (a 500 for the client).
 */
export function describeDatabaseError(
  error: unknown,
  plan: WritePlan,
  record: JsonRecord,
): unknown {
  if (!isPgError(error)) return error;
  const refusal = REFUSALS[error.code];
  const keysOf = refusal?.keysOf(error);
  if (refusal && keysOf) {
    const details = placesOf(plan, record, "", keysOf, error) ?? [];
    return new HttpError(refusal.status, refusal.code, refusal.message, details);
  }
  if (error.code.startsWith("22"))
    return new HttpError(400, "invalid-record", "a value does not fit the type of its field", [
      { path: "", message: "a value does not fit the type of its field" },
    ]);
  return error;
}

type KeysOf = (plan: WritePlan) => readonly string[] | undefined;

/** Per SQLSTATE: the answer, and how to find the fields the database names in a write plan. */
const REFUSALS: Record<
  string,
  { status: number; code: string; message: string; keysOf(error: PgError): KeysOf | undefined }
> = {
  "23505": {
    status: 409,
    code: "unique-violation",
    message: "another record already has this value",
    keysOf: ({ constraint }) =>
      constraint === undefined ? undefined : (p) => p.uniqueIndexes.get(constraint),
  },
  "23503": {
    status: 422,
    code: "unknown-link",
    message: "the record links to a record that is gone",
    keysOf: ({ constraint }) =>
      constraint === undefined
        ? undefined
        : (p) => {
            const key = p.foreignKeys.get(constraint);
            return key === undefined ? undefined : [key];
          },
  },
  "23502": {
    status: 422,
    code: "required",
    message: "a required value is missing",
    keysOf: ({ column, table }) =>
      column === undefined
        ? undefined
        : (p) => {
            if (p.entity.table !== table) return undefined;
            const found = p.columns.find((c) => c.column === column);
            return found ? [found.key] : undefined;
          },
  },
};

/**
 * The body paths of the fields `keysOf` names, in whichever entity of the document it knows
 * (undefined when none); for lines, the line holding the value the database names in its
 * detail (`Key (code)=(C01) …`), else the table field.
 */
function placesOf(
  plan: WritePlan,
  record: JsonRecord,
  pointer: string,
  keysOf: KeysOf,
  error: PgError,
): ErrorDetail[] | undefined {
  const message = error.code === "23505" ? "already used by another record" : "not valid here";
  const keys = keysOf(plan);
  if (keys)
    return keys.length === 0
      ? [{ path: pointer, message }]
      : keys.map((key) => ({ path: `${pointer}/${key}`, message }));
  const value = /\)=\((.*)\)/.exec(error.detail ?? "")?.[1];
  for (const { field, child } of plan.tables) {
    const childKeys = keysOf(child);
    for (const [i, line] of (record[field] as JsonRecord[]).entries()) {
      if (childKeys && !childKeys.some((key) => String(line[key]) === value)) continue;
      const found = placesOf(child, line, `${pointer}/${field}/${i}`, keysOf, error);
      if (found) return found;
    }
    if (owns(child, keysOf)) return [{ path: `${pointer}/${field}`, message }];
  }
  return undefined;
}

function owns(plan: WritePlan, keysOf: (plan: WritePlan) => unknown): boolean {
  return keysOf(plan) !== undefined || plan.tables.some((t) => owns(t.child, keysOf));
}

function isPgError(error: unknown): error is PgError {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string" &&
    /^[0-9A-Z]{5}$/.test((error as { code: string }).code)
  );
}
