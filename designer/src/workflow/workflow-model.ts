import { ADMIN_ROLE_NAME, type FieldType, type Labels } from "@loom/engine";
import { type Component, isObject } from "../draft/design-context.ts";

/** A field as the workflow designer offers it: for state fields, assignee fields, effects. */
export interface ModelField {
  readonly name: string;
  readonly labels: Labels | null;
  readonly type: FieldType;
  /** select fields: the option values, overrides applied */
  readonly options: readonly string[];
  readonly optionLabels: Readonly<Record<string, Labels>>;
  /** link fields: the entity it points to */
  readonly target: string | null;
}

export interface ModelEntity {
  readonly name: string;
  readonly labels: Labels | null;
  /** undefined for a document entity */
  readonly type: "child" | "single" | "tree" | undefined;
  /** documents with a lifecycle (draft, submitted, cancelled): nodes may name theirs */
  readonly submittable: boolean;
  /** base fields, then each extension's, with field overrides applied */
  readonly fields: readonly ModelField[];
}

export interface ModelRole {
  readonly name: string;
  readonly labels: Labels | null;
}

export interface WorkflowEntry {
  readonly name: string;
  readonly labels: Labels | null;
  readonly entity: string;
  readonly package: string;
  readonly file: string;
  /** in the draft's package: editable; others are shown read-only */
  readonly own: boolean;
}

/**
 * What the workflow designer needs to know of the model: entities with their fields, roles and
 * the workflows that exist. Read from the components as written (not the compiled model), since
 * the engine gives no model while the draft has an issue, and a workflow being drawn has some.
 */
export interface WorkflowModel {
  readonly entities: readonly ModelEntity[];
  readonly roles: readonly ModelRole[];
  readonly workflows: readonly WorkflowEntry[];
}

/** The components of one package, with its name; the draft's is `own`. */
export interface PackageComponents {
  readonly name: string;
  readonly own: boolean;
  readonly components: readonly Component[];
}

export function workflowModel(packages: readonly PackageComponents[]): WorkflowModel {
  const all = packages.flatMap((pkg) => pkg.components.map((c) => ({ pkg, ...c })));
  const entities = all
    .filter(({ value }) => value.kind === "entity" && typeof value.name === "string")
    .map(({ value }): ModelEntity => {
      const name = value.name as string;
      const extensions = all
        .filter((c) => c.value.kind === "entity-extension" && c.value.entity === name)
        .map((c) => c.value);
      const overrides = Object.assign(
        {},
        ...extensions.map((ext) => (isObject(ext.fieldOverrides) ? ext.fieldOverrides : {})),
      ) as Record<string, unknown>;
      const fields = [value, ...extensions]
        .flatMap((component) => (Array.isArray(component.fields) ? component.fields : []))
        .flatMap((field) => modelField(field, overrides));
      const type = value.type;
      return {
        name,
        labels: labelsOf(value.labels),
        type: type === "child" || type === "single" || type === "tree" ? type : undefined,
        submittable: [value, ...extensions].some((c) => isObject(c.submittable)),
        fields,
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const roles = [
    { name: ADMIN_ROLE_NAME, labels: null },
    ...all
      .filter(({ value }) => value.kind === "role" && typeof value.name === "string")
      .map(({ value }) => ({ name: value.name as string, labels: labelsOf(value.labels) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  ];
  const workflows = all
    .filter(({ value }) => value.kind === "workflow" && typeof value.name === "string")
    .map(({ pkg, file, value }) => ({
      name: value.name as string,
      labels: labelsOf(value.labels),
      entity: typeof value.entity === "string" ? value.entity : "",
      package: pkg.name,
      file,
      own: pkg.own,
    }));
  return { entities, roles, workflows };
}

function modelField(value: unknown, overrides: Record<string, unknown>): ModelField[] {
  if (!isObject(value) || typeof value.name !== "string" || typeof value.type !== "string")
    return [];
  const override = overrides[value.name];
  const merged = isObject(override) ? { ...value, ...override } : value;
  const options = Array.isArray(merged.options) ? merged.options.filter(isObject) : [];
  return [
    {
      name: value.name,
      labels: labelsOf(merged.labels),
      type: value.type as FieldType,
      options: options.flatMap((o) => (typeof o.value === "string" ? [o.value] : [])),
      optionLabels: Object.fromEntries(
        options.flatMap((o) => {
          const labels = labelsOf(o.labels);
          return typeof o.value === "string" && labels ? [[o.value, labels]] : [];
        }),
      ),
      target: typeof value.target === "string" ? value.target : null,
    },
  ];
}

function labelsOf(value: unknown): Labels | null {
  return isObject(value) && typeof value.en === "string" ? (value as unknown as Labels) : null;
}

/** Document entities no workflow binds yet: those a new workflow may be for. */
export function unboundDocuments(model: WorkflowModel): ModelEntity[] {
  const bound = new Set(model.workflows.map((w) => w.entity));
  return model.entities.filter((e) => e.type === undefined && !bound.has(e.name));
}

/** The select fields of `entity` a workflow could hold its state in. */
export function stateFieldsOf(entity: ModelEntity | undefined): ModelField[] {
  return (entity?.fields ?? []).filter((f) => f.type === "select" && f.options.length > 0);
}
