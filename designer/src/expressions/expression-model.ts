import {
  checkExpression,
  type ExprModel,
  type FieldDef,
  type Issue,
  type JsonLogic,
  lifecycleFieldDefs,
  type ParameterType,
  SYSTEM_FIELDS,
} from "@loom/engine";
import { type DesignContext, isObject, readComponents } from "../draft/design-context.ts";
import { type ModelEntity, type ModelField, workflowModel } from "../workflow/workflow-model.ts";

/**
 * What expressions of the draft may read: every entity with its fields as written in the draft
 * and the packages it builds on (extensions and overrides applied, lifecycle fields of
 * submittable entities added), and the same as the engine's checker sees it. Read from the files,
 * not the compiled model: the engine gives no model while the draft has a problem.
 */
export interface ExpressionModel {
  readonly entities: ReadonlyMap<string, ModelEntity>;
  readonly expr: ExprModel;
}

/** Where an expression is evaluated: its entity's record, `$user`, and the scope's variables. */
export interface ExpressionScope {
  readonly model: ExpressionModel;
  readonly entity: string;
  /** names besides `$user` the expression may read (`$requester` in workflows) */
  readonly variables: readonly string[];
}

/** The attributes every `$user` has, and those the samples give users (any other may be set). */
export const USER_ATTRIBUTES = ["username", "id", "department", "manager", "roles"] as const;

const cache = new WeakMap<DesignContext, ExpressionModel>();

/** The model of `ctx`, built once per state of the draft (every editor on a page shares it). */
export function expressionModel(ctx: DesignContext): ExpressionModel {
  let model = cache.get(ctx);
  if (!model) {
    model = buildModel(ctx);
    cache.set(ctx, model);
  }
  return model;
}

function buildModel(ctx: DesignContext): ExpressionModel {
  const { entities } = workflowModel([
    { name: ctx.draft.name, own: true, components: readComponents(ctx.draft.files) },
    ...ctx.bases.map((base) => ({ name: base.name, own: false, components: base.components })),
  ]);
  const byName = new Map<string, ModelEntity>();
  const expr: Record<string, ExprModel["entities"][string]> = {};
  for (const entity of entities) {
    const fields = entity.submittable
      ? [...entity.fields, ...lifecycleFieldDefs(entity.name).map(modelField)]
      : entity.fields;
    byName.set(entity.name, { ...entity, fields });
    expr[entity.name] = {
      table: entity.name,
      fields: fields.map((field) => ({
        name: field.name,
        type: field.type,
        ...(field.target !== null && { target: field.target }),
        ...(field.type !== "table" && { column: field.name }),
      })),
    };
  }
  return { entities: byName, expr: { entities: expr, parameters: declaredParameters(ctx) } };
}

/** The parameters the manifests declare (`$param.<name>`), the draft's and its bases'. */
function declaredParameters(ctx: DesignContext): NonNullable<ExprModel["parameters"]> {
  const parameters: Record<string, { type: ParameterType }> = {};
  const manifests = [readComponents(ctx.draft.files), ...ctx.bases.map((base) => base.components)]
    .flat()
    .filter((component) => component.value.kind === "package");
  for (const { value } of manifests) {
    if (!isObject(value.parameters)) continue;
    for (const [name, def] of Object.entries(value.parameters))
      if (isObject(def) && typeof def.type === "string")
        parameters[name] = { type: def.type as ParameterType };
  }
  return parameters;
}

function modelField(def: FieldDef): ModelField {
  return {
    name: def.name,
    labels: def.labels,
    type: def.type,
    options: (def.options ?? []).map((option) => option.value),
    optionLabels: Object.fromEntries((def.options ?? []).map((o) => [o.value, o.labels])),
    target: def.target ?? null,
  };
}

/** The system columns every record has (`created_by`, …), as fields an expression may read. */
export const SYSTEM_MODEL_FIELDS: readonly ModelField[] = SYSTEM_FIELDS.map((field) => ({
  name: field.name,
  labels: null,
  type: field.type,
  options: [],
  optionLabels: {},
  target: null,
}));

/** The fields of `entity` an expression may name directly: its own, then the system columns. */
export function fieldsOf(model: ExpressionModel, entity: string): readonly ModelField[] {
  const own = model.entities.get(entity)?.fields ?? [];
  return [...own, ...SYSTEM_MODEL_FIELDS.filter((s) => !own.some((f) => f.name === s.name))];
}

/** The field a dotted path of `entity` ends at, walking links; undefined when it leads nowhere. */
export function resolveField(
  model: ExpressionModel,
  entity: string,
  path: string,
): ModelField | undefined {
  let from: string | null = entity;
  let found: ModelField | undefined;
  for (const segment of path.split(".")) {
    if (from === null) return undefined;
    found = fieldsOf(model, from).find((field) => field.name === segment);
    if (!found) return undefined;
    from = found.type === "link" ? found.target : null;
  }
  return found;
}

/** The engine's problems of `expr` in `scope`: the check compile runs at publish. */
export function checkInScope(expr: JsonLogic, scope: ExpressionScope): Issue[] {
  return checkExpression(expr, {
    model: scope.model.expr,
    entity: scope.entity,
    variables: scope.variables,
  });
}
