import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import { type BindingScope, checkExpr, roleProblem } from "./binding-scope.ts";
import { checkAssignees } from "./check-assignees.ts";
import { checkEffects } from "./check-effects.ts";
import type { Report } from "./check-exits.ts";
import { isResting, lifecycleOf } from "./nodes.ts";
import type { ApprovalNodeDef, StateNodeDef, WorkflowDef } from "./types.ts";

type RestingNode = StateNodeDef | ApprovalNodeDef;

/**
 * What a workflow names in the model: its document entity and select state field, one option per
 * resting node, editable fields, lifecycles (submittable entities only), roles, assignees, and
 * expressions over the entity's fields (`$user` and `$requester` allowed).
 */
export function checkBinding(
  def: WorkflowDef,
  loc: Loc,
  { entities, roles, parameters }: Pick<BindingScope, "entities" | "roles" | "parameters">,
): Issue[] {
  const issues: Issue[] = [];
  const report: Report = (pointer, code, message) =>
    issues.push(issueAt({ ...loc, pointer }, code, message));
  const entity = Object.hasOwn(entities, def.entity) ? entities[def.entity] : undefined;
  if (!entity) {
    report("/entity", "unknown-entity", `binds entity "${def.entity}", which no package defines`);
    return issues;
  }
  if (entity.parent) {
    report(
      "/entity",
      "workflow-on-child",
      `"${def.entity}" holds the lines of another record; bind the workflow to its document "${entity.parent.entity}"`,
    );
    return issues;
  }
  const scope: BindingScope = {
    entities,
    roles,
    parameters,
    entity,
    stateField: def.stateField,
    report,
  };
  checkStates(def, scope);
  checkLifecycles(def, scope);
  def.nodes.forEach((node, i) => {
    if (isResting(node)) checkEditable(node, i, scope);
    if (node.type === "approval") checkApproval(node, i, scope);
    if (node.type === "action") checkEffects(node, i, scope);
  });
  def.edges.forEach((edge, j) => {
    const subject = `edge "${edge.id}"`;
    if (edge.when !== undefined) checkExpr(edge.when, `/edges/${j}/when`, subject, scope);
    (edge.roles ?? []).forEach((role, k) => {
      const problem = roleProblem(role, scope);
      if (problem) report(`/edges/${j}/roles/${k}`, "unknown-role", `${subject}: ${problem}`);
    });
  });
  return issues;
}

function checkStates(def: WorkflowDef, { entity, report }: BindingScope): void {
  const field = entity.fields.find((f) => f.name === def.stateField);
  if (!field) {
    report(
      "/stateField",
      "unknown-field",
      `state field "${def.stateField}" is not a field of "${entity.name}"`,
    );
    return;
  }
  if (field.type !== "select" || field.computed !== undefined) {
    report(
      "/stateField",
      "bad-state-field",
      `state field "${def.stateField}" must be a select field the workflow can write, not ${field.computed !== undefined ? "a computed one" : `a ${field.type} field`}`,
    );
    return;
  }
  const options = (field.options ?? []).map((o) => o.value);
  const owners = new Map<string, string>();
  def.nodes.forEach((node, i) => {
    if (!isResting(node)) return;
    const at = `/nodes/${i}/state`;
    if (!options.includes(node.state))
      report(
        at,
        "unknown-state",
        `node "${node.id}": state "${node.state}" is not an option of "${def.stateField}" (${options.join(", ")})`,
      );
    const owner = owners.get(node.state);
    if (owner !== undefined)
      report(
        at,
        "duplicate-state",
        `nodes "${owner}" and "${node.id}" both rest at state "${node.state}"; each resting node needs its own option`,
      );
    else owners.set(node.state, node.id);
  });
  if (entity.submittable?.editableAfterSubmit.includes(def.stateField))
    report(
      "/stateField",
      "state-field-editable",
      `"${def.stateField}" is listed in the editableAfterSubmit of "${entity.name}" (${entity.origin.package}/${entity.origin.file}), but the workflow writes it: remove it there`,
    );
}

function checkLifecycles(def: WorkflowDef, { entity, stateField, report }: BindingScope): void {
  def.nodes.forEach((node, i) => {
    if (!isResting(node)) return;
    if (!entity.submittable) {
      if (node.lifecycle !== undefined)
        report(
          `/nodes/${i}/lifecycle`,
          "lifecycle-not-submittable",
          `node "${node.id}": "${entity.name}" is not submittable, so its records have no lifecycle; make the entity submittable or remove "lifecycle"`,
        );
      return;
    }
    const lifecycle = lifecycleOf(node);
    if (node.type === "state" && node.initial === true && lifecycle !== "draft")
      report(
        `/nodes/${i}/lifecycle`,
        "bad-lifecycle",
        `node "${node.id}" is where new records start, so its lifecycle is "draft", not "${lifecycle}"`,
      );
    else if (stateField === "docstatus" && lifecycle !== node.state)
      report(
        `/nodes/${i}/state`,
        "bad-lifecycle",
        `node "${node.id}" rests at docstatus "${node.state}" but its lifecycle is "${lifecycle}"; with docstatus as the state field they are the same`,
      );
  });
}

function checkEditable(
  node: RestingNode,
  i: number,
  { entity, stateField, report }: BindingScope,
): void {
  if (!Array.isArray(node.editable)) return;
  node.editable.forEach((name, k) => {
    const at = `/nodes/${i}/editable/${k}`;
    const field = entity.fields.find((f) => f.name === name);
    if (!field)
      report(at, "unknown-field", `node "${node.id}": "${entity.name}" has no field "${name}"`);
    else if (name === stateField)
      report(
        at,
        "state-field-editable",
        `node "${node.id}": "${name}" is the state field; only the workflow changes it`,
      );
    else if (field.readOnly)
      report(
        at,
        "not-writable",
        `node "${node.id}": "${name}" is read-only, so no one can edit it`,
      );
  });
}

function checkApproval(node: ApprovalNodeDef, i: number, scope: BindingScope): void {
  const subject = `node "${node.id}"`;
  checkAssignees(node.assignees, `/nodes/${i}/assignees`, subject, scope);
  if (node.sla?.escalateTo)
    checkAssignees(node.sla.escalateTo, `/nodes/${i}/sla/escalateTo`, subject, scope);
  const mode = node.mode;
  if (typeof mode !== "object") return;
  const users = node.assignees.flatMap((a) => ("user" in a ? [a.user] : []));
  const named = new Set(users).size;
  if (users.length === node.assignees.length && mode.quorum > named)
    scope.report(
      `/nodes/${i}/mode/quorum`,
      "bad-quorum",
      `${subject} needs ${mode.quorum} approvals but names only ${named} user${named === 1 ? "" : "s"}`,
    );
}
