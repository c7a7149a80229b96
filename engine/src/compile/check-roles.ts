import { type Issue, LoomError } from "../errors.ts";
import { compileFilter, type ExprModel } from "../expr/index.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc, WorkingEntity } from "../layer/working-model.ts";
import type { JsonLogic } from "../metadata/types.ts";
import { DATA_SCHEMA } from "../model/app-model.ts";
import { rootDocument } from "../permissions/root-document.ts";
import { exprModel } from "./check-expressions.ts";
import type { WorkingRole } from "./collect-roles.ts";
import { tableOwners } from "./table-owners.ts";

const FIELD_LISTS = ["hiddenFields", "readOnlyFields"] as const;

/**
 * Grants name document entities that exist, row scopes compile to SQL against them (the runtime
 * runs them inside every query), and hidden or read-only paths name real fields.
 */
export function checkRoles(
  roles: ReadonlyMap<string, WorkingRole>,
  entities: ReadonlyMap<string, WorkingEntity>,
): Issue[] {
  const issues: Issue[] = [];
  const model = exprModel(entities);
  const owners = tableOwners(entities);
  for (const { def, loc } of roles.values()) {
    const grants = def.grants ?? [];
    if (def.administrator === true && grants.length > 0)
      issues.push(
        issueAt(
          { ...loc, pointer: "/grants" },
          "administrator-with-grants",
          'an administrator role may already do everything; remove its grants or set "administrator" to false',
        ),
      );
    grants.forEach((grant, i) => {
      const at = (...segments: (string | number)[]): Loc => ({
        ...loc,
        pointer: ["", "grants", i, ...segments].join("/"),
      });
      const entity = entities.get(grant.entity);
      if (!entity) {
        issues.push(
          issueAt(
            at("entity"),
            "unknown-entity",
            `grants entity "${grant.entity}", which no package defines`,
          ),
        );
        return;
      }
      if (entity.def.type === "child") {
        const root = rootDocument(grant.entity, (name) => owners.get(name));
        const example = [...root.path, entity.fields[0]?.def.name ?? "field"].join(".");
        issues.push(
          issueAt(
            at("entity"),
            "grant-child",
            `"${grant.entity}" holds the lines of another record: grant its document "${root.entity}" instead; hide line fields as "${example}"`,
          ),
        );
        return;
      }
      if (grant.where !== undefined)
        issues.push(...whereIssues(grant.where, grant.entity, model, at("where")));
      for (const list of FIELD_LISTS) {
        (grant[list] ?? []).forEach((path, j) => {
          const problem = fieldPathProblem(path, grant.entity, entities);
          if (problem) issues.push(issueAt(at(list, j), "unknown-field", problem));
        });
      }
      const hidden = new Set(grant.hiddenFields ?? []);
      (grant.readOnlyFields ?? []).forEach((path, j) => {
        if (hidden.has(path))
          issues.push(
            issueAt(
              at("readOnlyFields", j),
              "hidden-and-read-only",
              `"${path}" is also hidden by this grant, so it cannot be written anyway; keep it in one list`,
            ),
          );
      });
    });
  }
  return issues;
}

export function whereIssues(where: JsonLogic, entity: string, model: ExprModel, loc: Loc): Issue[] {
  try {
    // no user here: `$user.x` reads as null, which every comparison accepts
    compileFilter(where, { model, entity, alias: "r", schema: DATA_SCHEMA });
    return [];
  } catch (error) {
    if (!(error instanceof LoomError)) throw error;
    const found =
      error.issues.length > 0 ? error.issues : [{ code: error.code, message: error.message }];
    return found.map((issue) =>
      issueAt({ ...loc, pointer: loc.pointer + (issue.path ?? "") }, issue.code, issue.message),
    );
  }
}

/** A grant names fields of its own records and, through table fields, of their lines. */
function fieldPathProblem(
  path: string,
  entityName: string,
  entities: ReadonlyMap<string, WorkingEntity>,
): string | undefined {
  const segments = path.split(".");
  let entity = entities.get(entityName);
  for (const [k, segment] of segments.entries()) {
    if (!entity) return `unknown entity in "${path}"`;
    const field = entity.fields.find((f) => f.def.name === segment)?.def;
    const inPath = segments.length > 1 ? ` (in "${path}")` : "";
    if (!field) return `entity "${entity.def.name}" has no field "${segment}"${inPath}`;
    if (k === segments.length - 1) return undefined;
    if (field.type !== "table")
      return `"${segment}" is a ${field.type} field, not a table, so "${path}" cannot go past it: a grant names fields of its own records and their lines`;
    entity = field.target === undefined ? undefined : entities.get(field.target);
  }
  return undefined;
}
