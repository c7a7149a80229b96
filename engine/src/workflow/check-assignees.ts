import type { Field } from "../model/app-model.ts";
import { type BindingScope, checkExpr, roleProblem } from "./binding-scope.ts";
import type { AssigneeDef } from "./types.ts";

/**
 * Assignees (of an approval, an escalation or a notification) name roles that exist, text fields
 * holding a username (on the record or one link away), or expressions the checker accepts.
 */
export function checkAssignees(
  assignees: readonly AssigneeDef[],
  pointer: string,
  subject: string,
  scope: BindingScope,
): void {
  assignees.forEach((assignee, k) => {
    const at = `${pointer}/${k}`;
    if ("role" in assignee) {
      const problem = roleProblem(assignee.role, scope);
      if (problem) scope.report(`${at}/role`, "unknown-role", `${subject}: ${problem}`);
    } else if ("field" in assignee) {
      const problem = assigneeFieldProblem(assignee.field, scope);
      if (problem) scope.report(`${at}/field`, problem.code, `${subject}: ${problem.message}`);
    } else if ("expression" in assignee) {
      checkExpr(assignee.expression, `${at}/expression`, subject, scope);
    }
  });
}

function assigneeFieldProblem(
  path: string,
  scope: BindingScope,
): { code: string; message: string } | undefined {
  const [first, second] = path.split(".") as [string, string | undefined];
  const field = scope.entity.fields.find((f) => f.name === first);
  if (!field)
    return {
      code: "unknown-field",
      message: `entity "${scope.entity.name}" has no field "${first}"`,
    };
  if (second === undefined) return textProblem(field, path);
  if (field.type !== "link")
    return {
      code: "bad-assignee-field",
      message: `"${first}" is a ${field.type} field, not a link, so "${path}" cannot go past it`,
    };
  const target = field.target === undefined ? undefined : scope.entities[field.target];
  const next = target?.fields.find((f) => f.name === second);
  if (!target || !next)
    return {
      code: "unknown-field",
      message: `entity "${field.target}" has no field "${second}" (in "${path}")`,
    };
  return textProblem(next, path);
}

function textProblem(field: Field, path: string): { code: string; message: string } | undefined {
  if (field.type === "text") return undefined;
  return {
    code: "bad-assignee-field",
    message: `"${path}" is a ${field.type} field; an assignee field is a text field holding a username`,
  };
}
