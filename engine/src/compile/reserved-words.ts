import {
  CHILD_COLUMNS,
  LIFECYCLE_FIELDS,
  SYSTEM_COLUMNS,
  TREE_COLUMNS,
} from "../model/app-model.ts";

/**
 * PostgreSQL's fully reserved key words (appendix C of its manual). Names are always quoted in
 * generated SQL, but a consultant's field named `order` would still trip every hand-written report
 * query, so they are refused up front.
 */
const SQL_RESERVED = [
  "all",
  "analyse",
  "analyze",
  "and",
  "any",
  "array",
  "as",
  "asc",
  "asymmetric",
  "authorization",
  "between",
  "binary",
  "both",
  "case",
  "cast",
  "check",
  "collate",
  "collation",
  "column",
  "concurrently",
  "constraint",
  "create",
  "cross",
  "current_catalog",
  "current_date",
  "current_role",
  "current_schema",
  "current_time",
  "current_timestamp",
  "current_user",
  "default",
  "deferrable",
  "desc",
  "distinct",
  "do",
  "else",
  "end",
  "except",
  "false",
  "fetch",
  "for",
  "foreign",
  "freeze",
  "from",
  "full",
  "grant",
  "group",
  "having",
  "ilike",
  "in",
  "initially",
  "inner",
  "intersect",
  "into",
  "is",
  "isnull",
  "join",
  "lateral",
  "leading",
  "left",
  "like",
  "limit",
  "localtime",
  "localtimestamp",
  "natural",
  "not",
  "notnull",
  "null",
  "offset",
  "on",
  "only",
  "or",
  "order",
  "outer",
  "overlaps",
  "placing",
  "primary",
  "references",
  "returning",
  "right",
  "select",
  "session_user",
  "similar",
  "some",
  "symmetric",
  "system_user",
  "table",
  "tablesample",
  "then",
  "to",
  "trailing",
  "true",
  "union",
  "unique",
  "user",
  "using",
  "variadic",
  "verbose",
  "when",
  "where",
  "window",
  "with",
];

const RESERVED_WORDS: ReadonlySet<string> = new Set(SQL_RESERVED);

/** Columns the runtime adds to entity tables; a field of the same name would collide. */
const RESERVED_COLUMNS: ReadonlySet<string> = new Set([
  ...SYSTEM_COLUMNS,
  ...CHILD_COLUMNS,
  ...TREE_COLUMNS,
]);
const LIFECYCLE: ReadonlySet<string> = new Set(LIFECYCLE_FIELDS);

/**
 * Names that are properties of every JavaScript object: records are plain objects on every path
 * (API bodies, expressions, imports), and package archives refuse such keys as hostile input.
 */
const OBJECT_PROPERTIES: ReadonlySet<string> = new Set(["constructor", "prototype"]);

export function reservedReason(
  name: string,
  what: "entity" | "field" | "role",
): string | undefined {
  if (RESERVED_WORDS.has(name))
    return `"${name}" is an SQL reserved word; choose another ${what} name`;
  if (OBJECT_PROPERTIES.has(name))
    return `"${name}" names a property of every object in the app's code; choose another ${what} name`;
  if (what === "field" && RESERVED_COLUMNS.has(name))
    return `"${name}" is a system column every record has; choose another field name`;
  if (what === "field" && LIFECYCLE.has(name))
    return `"${name}" is a lifecycle field the system adds to submittable entities; choose another field name`;
  return undefined;
}
