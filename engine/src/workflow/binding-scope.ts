import { checkExpression } from "../expr/index.ts";
import type { JsonLogic } from "../metadata/types.ts";
import type { Entity, PackageParameter } from "../model/app-model.ts";
import type { Role } from "../permissions/types.ts";
import type { Report } from "./check-exits.ts";

/**
 * Besides `$user` (the acting user) and `$param` (the environment's parameters), workflow
 * expressions read the user who started the round.
 */
export const WORKFLOW_VARIABLES = ["$requester"] as const;

/** What the model checks of one workflow look things up in, and where they report. */
export interface BindingScope {
  readonly entities: Readonly<Record<string, Entity>>;
  readonly roles: Readonly<Record<string, Role>>;
  readonly parameters: Readonly<Record<string, PackageParameter>>;
  /** the workflow's entity */
  readonly entity: Entity;
  readonly stateField: string;
  readonly report: Report;
}

/** An expression's issues, each at its place inside the file and naming `subject` (a node or edge). */
export function checkExpr(
  expr: JsonLogic,
  pointer: string,
  subject: string,
  scope: BindingScope,
): void {
  const found = checkExpression(expr, {
    model: { entities: scope.entities, parameters: scope.parameters },
    entity: scope.entity.name,
    variables: WORKFLOW_VARIABLES,
  });
  for (const issue of found)
    scope.report(pointer + (issue.path ?? ""), issue.code, `${subject}: ${issue.message}`);
}

export function roleProblem(role: string, scope: BindingScope): string | undefined {
  if (Object.hasOwn(scope.roles, role)) return undefined;
  return `role "${role}" is not defined by any package (known: ${Object.keys(scope.roles).join(", ")})`;
}
