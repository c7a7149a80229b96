import type { Issue } from "../errors.ts";
import { checkExpression, type ExprModel, fieldsReferenced } from "../expr/index.ts";
import { issueAt } from "../layer/apply-layers.ts";
import { fieldPropLoc, type Loc, type WorkingEntity } from "../layer/working-model.ts";
import type { FieldDef, JsonLogic } from "../metadata/types.ts";

const EXPRESSION_PROPS = ["computed", "defaultExpr", "visibleIf", "requiredIf"] as const;

/**
 * Every json-logic expression may use only known operators and fields (through links too), and
 * computed fields may not depend on each other in a circle: checked at publish, not at runtime.
 */
export function checkExpressions(
  entities: ReadonlyMap<string, WorkingEntity>,
  parameters: ExprModel["parameters"] = {},
): Issue[] {
  const model = { ...exprModel(entities), parameters };
  const issues: Issue[] = [];
  const check = (expr: JsonLogic, entity: string, loc: Loc): void => {
    for (const issue of checkExpression(expr, { model, entity })) {
      issues.push(
        issueAt({ ...loc, pointer: loc.pointer + (issue.path ?? "") }, issue.code, issue.message),
      );
    }
  };
  for (const entity of entities.values()) {
    const name = entity.def.name;
    for (const field of entity.fields) {
      for (const prop of EXPRESSION_PROPS) {
        const expr = field.def[prop];
        if (expr !== undefined) check(expr, name, fieldPropLoc(field, prop));
      }
    }
    for (const rule of entity.rules)
      check(rule.value.assert, name, { ...rule.loc, pointer: `${rule.loc.pointer}/assert` });
    issues.push(...computedCycles(entity));
  }
  return issues;
}

/** The structural view of the model the expression checker needs, before the model is compiled. */
export function exprModel(entities: ReadonlyMap<string, WorkingEntity>): ExprModel {
  const result: Record<string, ExprModel["entities"][string]> = {};
  for (const entity of entities.values()) {
    result[entity.def.name] = {
      table: entity.def.name,
      fields: entity.fields.map(({ def }) => ({
        name: def.name,
        type: def.type,
        ...(def.target !== undefined && { target: def.target }),
        ...(def.type !== "table" && { column: def.name }),
      })),
    };
  }
  return { entities: result };
}

function computedCycles(entity: WorkingEntity): Issue[] {
  const computed = new Map<string, { def: FieldDef; deps: string[] }>();
  for (const field of entity.fields) {
    if (field.def.computed !== undefined)
      computed.set(field.def.name, { def: field.def, deps: fieldsReferenced(field.def.computed) });
  }
  const issues: Issue[] = [];
  const state = new Map<string, "visiting" | "done">();
  const reported = new Set<string>();
  const visit = (name: string, trail: string[]): void => {
    if (state.get(name) === "done") return;
    if (state.get(name) === "visiting") {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const key = [...cycle].sort().join(",");
      if (reported.has(key)) return;
      reported.add(key);
      const field = entity.fields.find((f) => f.def.name === name)!;
      issues.push(
        issueAt(
          fieldPropLoc(field, "computed"),
          "computed-cycle",
          `computed fields depend on each other in a circle: ${cycle.join(" → ")}`,
        ),
      );
      return;
    }
    state.set(name, "visiting");
    for (const dep of computed.get(name)?.deps ?? [])
      if (computed.has(dep)) visit(dep, [...trail, name]);
    state.set(name, "done");
  };
  for (const name of computed.keys()) visit(name, []);
  return issues;
}
