import {
  type AppModel,
  type AssigneeDef,
  DATA_SCHEMA,
  evaluate,
  type JsonLogic,
  quoteIdent,
  SYSTEM_SCHEMA,
  type Workflow,
} from "@loom/engine";
import type { Knex } from "knex";
import { preparedStatement, runStatement } from "../db/prepared-statement.ts";

const S = `"${SYSTEM_SCHEMA}"`;
const ROLE_MEMBERS = preparedStatement(
  `SELECT "username", "roles" FROM ${S}."users" WHERE "active" AND "roles" && ?::text[] ORDER BY "username"`,
);
const FIRST = `(SELECT min(m COLLATE "C") FROM unnest(?::text[]) AS m)`;
const ROTATE = preparedStatement(
  `INSERT INTO ${S}."workflow_rotation" AS r ("workflow", "node", "last_assignee") VALUES (?, ?, ${FIRST})
   ON CONFLICT ("workflow", "node") DO UPDATE SET "last_assignee" = COALESCE(
     (SELECT min(m COLLATE "C") FROM unnest(?::text[]) AS m WHERE m COLLATE "C" > r."last_assignee" COLLATE "C"),
     ${FIRST})
   RETURNING "last_assignee"`,
);
const ACTIVE_USERS = preparedStatement(
  `SELECT "username" FROM ${S}."users" WHERE "active" AND lower("username") = ANY(?::text[])`,
);

/** Who the approval is about: the requester's `$user` profile, read when an expression needs it. */
export interface AssignmentContext {
  readonly model: AppModel;
  readonly workflow: Workflow;
  readonly node: string;
  readonly record: Readonly<Record<string, unknown>>;
  readonly requester: string | null;
}

/**
 * The usernames the assignees of an approval name, distinct and in order, active users only (a
 * task for someone who cannot sign in would never be done). Roles are read from the users table;
 * `round-robin` and `least-open` pick one member per role.
 */
export async function resolveAssignees(
  tx: Knex.Transaction,
  defs: readonly AssigneeDef[],
  context: AssignmentContext,
): Promise<string[]> {
  const roles = defs.flatMap((def) => ("role" in def ? [def.role] : []));
  const members = roles.length > 0 ? await roleMembers(tx, roles) : new Map<string, string[]>();
  const picked: string[] = [];
  const named: string[] = [];
  for (const def of defs) {
    if ("user" in def) named.push(def.user);
    else if ("field" in def) named.push(...(await fieldValue(tx, def.field, context)));
    else if ("expression" in def)
      named.push(...(await expressionValue(tx, def.expression, context)));
    else picked.push(...(await pick(tx, members.get(def.role) ?? [], def, context)));
  }
  // role members come active from their query; named users are checked (and spelled) here
  return [...new Set([...picked, ...(await activeUsers(tx, [...new Set(named)]))])];
}

async function fieldValue(
  tx: Knex.Transaction,
  path: string,
  context: AssignmentContext,
): Promise<string[]> {
  const [first, second] = path.split(".") as [string, string | undefined];
  const value = context.record[first];
  if (second === undefined) return usernames(value);
  if (typeof value !== "string") return [];
  const link = context.model.entities[context.workflow.entity]!.fields.find(
    (f) => f.name === first,
  )!;
  const target = context.model.entities[link.target!]!;
  const column = target.fields.find((f) => f.name === second)!.column!;
  const found = await tx.raw(
    `SELECT ${quoteIdent(column)} AS v FROM ${quoteIdent(DATA_SCHEMA)}.${quoteIdent(target.table)} WHERE "id" = ?`,
    [value],
  );
  return usernames(found.rows[0]?.v);
}

/** `$requester.x` reads the requester's profile, passed in the data as the engine defines. */
async function expressionValue(
  tx: Knex.Transaction,
  expression: JsonLogic,
  context: AssignmentContext,
): Promise<string[]> {
  const profile = context.requester ? await userProfile(tx, context.requester) : undefined;
  return usernames(evaluate(expression, { ...context.record, $requester: profile ?? {} }));
}

async function userProfile(
  tx: Knex.Transaction,
  username: string,
): Promise<Record<string, unknown> | undefined> {
  const found = await tx.raw(
    `SELECT "id", "username", "roles", "attributes" FROM ${S}."users" WHERE lower("username") = lower(?)`,
    [username],
  );
  const row = found.rows[0];
  return row
    ? { ...row.attributes, id: row.id, username: row.username, roles: row.roles }
    : undefined;
}

/** The active members of these roles, each role's in alphabetical order: one query. */
async function roleMembers(
  tx: Knex.Transaction,
  roles: readonly string[],
): Promise<Map<string, string[]>> {
  const rows = await runStatement(tx, ROLE_MEMBERS, [[...new Set(roles)]]);
  const members = new Map<string, string[]>();
  for (const { username, roles: held } of rows as { username: string; roles: string[] }[])
    for (const role of held) members.set(role, [...(members.get(role) ?? []), username]);
  return members;
}

/** All members, or one: the next in rotation or the least busy (never the requester). */
async function pick(
  tx: Knex.Transaction,
  members: readonly string[],
  def: { role: string; distribution?: "all" | "round-robin" | "least-open" },
  context: AssignmentContext,
): Promise<string[]> {
  const distribution = def.distribution ?? "all";
  if (distribution === "all") return [...members];
  const candidates = members.filter((m) => m !== context.requester);
  if (candidates.length <= 1) return candidates;
  if (distribution === "least-open") return [await leastBusy(tx, candidates)];
  return [await nextInRotation(tx, context, def.role, candidates)];
}

async function leastBusy(tx: Knex.Transaction, members: readonly string[]): Promise<string> {
  const found = await tx.raw(
    `SELECT "assignee", count(*) AS n FROM ${S}."workflow_tasks"
     WHERE "status" = 'open' AND "assignee" = ANY(?::text[]) GROUP BY "assignee"`,
    [[...members]],
  );
  const open = new Map<string, number>(
    found.rows.map((row: { assignee: string; n: string }) => [row.assignee, Number(row.n)]),
  );
  return members.reduce((best, m) => ((open.get(m) ?? 0) < (open.get(best) ?? 0) ? m : best));
}

/**
 * The member after the last one given a task of this node (byte order, wrapping), picked and
 * remembered in one statement: the upsert's row lock serializes concurrent picks, so two
 * submissions never get the same member.
 */
async function nextInRotation(
  tx: Knex.Transaction,
  context: AssignmentContext,
  role: string,
  members: readonly string[],
): Promise<string> {
  const [picked] = await runStatement(tx, ROTATE, [
    context.workflow.name,
    `${context.node}:${role}`,
    [...members],
    [...members],
    [...members],
  ]);
  return picked!.last_assignee as string;
}

async function activeUsers(tx: Knex.Transaction, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await runStatement(tx, ACTIVE_USERS, [names.map((n) => n.toLowerCase())]);
  const active = new Map<string, string>(
    (rows as { username: string }[]).map((row) => [row.username.toLowerCase(), row.username]),
  );
  return names.flatMap((n) => {
    const user = active.get(n.toLowerCase());
    return user ? [user] : [];
  });
}

function usernames(value: unknown): string[] {
  if (typeof value === "string" && value !== "") return [value];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === "string" && v !== "");
  return [];
}
