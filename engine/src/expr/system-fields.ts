import type { ExprField } from "./types.ts";

/**
 * Columns every record has besides its fields (the model's SYSTEM_COLUMNS), readable in
 * expressions: `created_by == $user.id` is the usual "own records" scope. The keys and user
 * references are typed `link` without a target: compared as the column's own type, never walked.
 */
export const SYSTEM_FIELDS: readonly ExprField[] = [
  { name: "id", type: "link", column: "id" },
  { name: "version", type: "integer", column: "version" },
  { name: "created_at", type: "datetime", column: "created_at" },
  { name: "created_by", type: "link", column: "created_by" },
  { name: "updated_at", type: "datetime", column: "updated_at" },
  { name: "updated_by", type: "link", column: "updated_by" },
];
