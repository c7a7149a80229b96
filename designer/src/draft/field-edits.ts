import type { FieldDef, FieldOverride, FieldType, Labels } from "@loom/engine";
import { type DesignContext, type FileChanges, isObject } from "./design-context.ts";
import { draftExtensionFile, entityCatalog, findEntity } from "./entity-catalog.ts";
import { type FieldRow, fieldRows } from "./field-rows.ts";
import { FileWriter } from "./file-writer.ts";

/**
 * Where each design step lands in the draft package, as file changes. An entity of the draft's
 * package is edited in its own file. A base package's entity is never edited: a new field goes
 * into the draft's `entity-extension` of it (created when missing), and a change to one of its
 * fields into that extension's `fieldOverrides`, for the properties an override may change — so
 * an upgrade of the base package keeps every customization.
 */

/** The properties of a base field an extension may override (schemas/entity-extension.schema.json). */
export const OVERRIDABLE = [
  "labels",
  "help",
  "required",
  "default",
  "defaultExpr",
  "readOnly",
  "computed",
  "visibleIf",
  "requiredIf",
  "min",
  "max",
  "minLength",
  "maxLength",
  "pattern",
  "options",
] as const satisfies readonly (keyof FieldOverride)[];

export type RefusalCode =
  | "unknown-entity"
  | "unknown-field"
  | "field-exists"
  | "entity-exists"
  | "not-overridable"
  | "base-field-stays"
  | "cannot-move";

/** Why a step cannot be made; the UI explains it by `code`. */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
  /** the property refused (not-overridable) */
  readonly property?: string;
  /** the field or entity that exists already (field-exists, entity-exists) */
  readonly name?: string;
}

export type EditResult =
  | { readonly ok: true; readonly changes: FileChanges }
  | { readonly ok: false; readonly refusal: Refusal };

/** Properties to set on a field; an undefined value removes the property. */
export type FieldPatch = { readonly [K in keyof FieldDef]?: FieldDef[K] | undefined };

type Refused = Extract<EditResult, { ok: false }>;

const refuse = (
  code: RefusalCode,
  message: string,
  about: { property?: string; name?: string } = {},
): Refused => ({ ok: false, refusal: { code, message, ...about } });
const done = (writer: FileWriter): EditResult => ({ ok: true, changes: writer.changes() });

export function isOverridable(property: string): property is (typeof OVERRIDABLE)[number] {
  return (OVERRIDABLE as readonly string[]).includes(property);
}

/** Adds a field at the end of the entity's fields (of the draft's extension for a base entity). */
export function addField(ctx: DesignContext, entity: string, field: FieldDef): EditResult {
  const found = findEntity(ctx, entity);
  if (!found) return refuse("unknown-entity", `there is no entity ${entity}`);
  if (fieldRows(ctx, entity).some((row) => row.field.name === field.name))
    return refuse("field-exists", `${entity} already has a field ${field.name}`, {
      name: field.name,
    });
  const writer = new FileWriter(ctx.draft.files);
  if (found.own) {
    writer.insert(found.file, ["fields"], -1, field);
    return done(writer);
  }
  const file = draftExtensionFile(ctx, entity);
  const extension = writer.value(file);
  if (!isObject(extension))
    writer.create(file, { kind: "entity-extension", entity, fields: [field] });
  else if (Array.isArray(extension.fields)) writer.insert(file, ["fields"], -1, field);
  else writer.set(file, ["fields"], [field]);
  return done(writer);
}

/**
 * Sets properties of a field. A base field takes only what an override may change; a value equal
 * to the base package's own drops the override, so the field follows the base again.
 */
export function updateField(
  ctx: DesignContext,
  entity: string,
  name: string,
  patch: FieldPatch,
): EditResult {
  const row = rowOf(ctx, entity, name);
  if ("refusal" in row) return row;
  const writer = new FileWriter(ctx.draft.files);
  if (row.origin === "own") {
    for (const [property, value] of Object.entries(patch))
      writer.set(row.file, ["fields", row.index, property], value);
    return done(writer);
  }
  const refused = Object.keys(patch).find((property) => !isOverridable(property));
  if (refused)
    return refuse(
      "not-overridable",
      `${refused} of ${entity}.${name} is defined by ${row.package}; a customization may change only ${OVERRIDABLE.join(", ")}`,
      { property: refused },
    );
  const base = baseField(ctx, entity, name)!;
  const file = row.override!.file;
  const current = writer.value(file);
  const overrides =
    isObject(current) && isObject(current.fieldOverrides) ? current.fieldOverrides : {};
  const next: Record<string, unknown> = { ...(isObject(overrides[name]) ? overrides[name] : {}) };
  for (const [property, value] of Object.entries(patch)) {
    if (value === undefined || sameValue(value, base[property as keyof FieldDef]))
      delete next[property];
    else next[property] = value;
  }
  const rest = Object.fromEntries(Object.entries(overrides).filter(([key]) => key !== name));
  const all = Object.keys(next).length > 0 ? { ...rest, [name]: next } : rest;
  if (!isObject(current)) {
    if (Object.keys(all).length === 0) return done(writer);
    writer.create(file, { kind: "entity-extension", entity, fieldOverrides: all });
  } else if (Object.keys(next).length > 0) writer.set(file, ["fieldOverrides", name], next);
  else if (Object.keys(rest).length > 0) writer.set(file, ["fieldOverrides", name], undefined);
  else writer.set(file, ["fieldOverrides"], undefined);
  dropEmptyExtension(writer, file);
  return done(writer);
}

/**
 * Renames a field of the draft's package. The field keeps its column: `renamedFrom` records the
 * name it had, unless it is new in the draft (its file is) — and a second rename keeps the first
 * old name, while renaming back drops it.
 */
export function renameField(
  ctx: DesignContext,
  entity: string,
  name: string,
  to: string,
): EditResult {
  const row = rowOf(ctx, entity, name);
  if ("refusal" in row) return row;
  if (row.origin === "base")
    return refuse(
      "not-overridable",
      `${entity}.${name} is defined by ${row.package}: a customization cannot rename it`,
      { property: "name" },
    );
  if (to === name) return { ok: true, changes: {} };
  if (fieldRows(ctx, entity).some((other) => other.field.name === to))
    return refuse("field-exists", `${entity} already has a field ${to}`, { name: to });
  const writer = new FileWriter(ctx.draft.files);
  const at = ["fields", row.index];
  const first = row.field.renamedFrom ?? (ctx.draft.added.has(row.file) ? undefined : name);
  writer.set(row.file, [...at, "name"], to);
  writer.set(row.file, [...at, "renamedFrom"], first === to ? undefined : first);
  return done(writer);
}

/** Moves a field of the draft's package one place up (-1) or down (+1) among its file's fields. */
export function moveField(
  ctx: DesignContext,
  entity: string,
  name: string,
  by: -1 | 1,
): EditResult {
  const row = rowOf(ctx, entity, name);
  if ("refusal" in row) return row;
  if (row.origin === "base")
    return refuse(
      "base-field-stays",
      `${entity}.${name} is defined by ${row.package}: its place is the base package's`,
    );
  const to = row.index + by;
  if (to < 0 || to >= row.siblings)
    return refuse("cannot-move", `${name} is already the ${by < 0 ? "first" : "last"} it can be`);
  const writer = new FileWriter(ctx.draft.files);
  const fields = (writer.value(row.file) as { fields: unknown[] }).fields;
  writer.set(row.file, ["fields", row.index], undefined);
  writer.insert(row.file, ["fields"], to, fields[row.index]);
  return done(writer);
}

/** Removes a field of the draft's package (a base field stays: the base package owns it). */
export function removeField(ctx: DesignContext, entity: string, name: string): EditResult {
  const row = rowOf(ctx, entity, name);
  if ("refusal" in row) return row;
  if (row.origin === "base")
    return refuse(
      "base-field-stays",
      `${entity}.${name} is defined by ${row.package}: a customization cannot remove it`,
    );
  const writer = new FileWriter(ctx.draft.files);
  const inExtension = !findEntity(ctx, entity)!.own;
  // an extension's `fields` has at least one item: the last one goes with the array
  if (inExtension && row.siblings === 1) writer.set(row.file, ["fields"], undefined);
  else writer.set(row.file, ["fields", row.index], undefined);
  if (inExtension) dropEmptyExtension(writer, row.file);
  return done(writer);
}

/** The properties a field of `type` keeps when its type changes to it (the rest do not apply). */
export function retype(field: FieldDef, type: FieldType): FieldPatch {
  const applies = (property: keyof FieldDef): boolean => {
    switch (property) {
      case "target":
        return type === "link" || type === "table";
      case "onDelete":
        return type === "link";
      case "options":
        return type === "select" || type === "multiselect";
      case "precision":
      case "scale":
        return type === "decimal";
      default:
        return true;
    }
  };
  const dropped = (Object.keys(field) as (keyof FieldDef)[]).filter((key) => !applies(key));
  // a default of the old type rarely fits the new one; the engine would refuse most of them
  return Object.fromEntries([
    ["type", type],
    ...dropped.map((key) => [key, undefined]),
    ...(field.default !== undefined ? [["default", undefined]] : []),
  ]) as FieldPatch;
}

/** A new entity of the draft's package, `entities/<name>.json`, with a first text field. */
export function addEntity(ctx: DesignContext, name: string, labels: Labels): EditResult {
  const file = `entities/${name}.json`;
  if (entityCatalog(ctx).some((entity) => entity.name === name) || file in ctx.draft.files)
    return refuse("entity-exists", `there is an entity ${name} already`, { name });
  const writer = new FileWriter(ctx.draft.files);
  writer.create(file, {
    kind: "entity",
    name,
    labels,
    fields: [
      { name: "name", type: "text", labels: { en: "Name", "zh-CN": "名称" }, required: true },
    ],
  });
  return done(writer);
}

function rowOf(ctx: DesignContext, entity: string, name: string): FieldRow | Refused {
  if (!findEntity(ctx, entity)) return refuse("unknown-entity", `there is no entity ${entity}`);
  return (
    fieldRows(ctx, entity).find((row) => row.field.name === name) ??
    refuse("unknown-field", `${entity} has no field ${name}`)
  );
}

/** The base field as its package defines it, before the draft's overrides. */
function baseField(ctx: DesignContext, entity: string, name: string): FieldDef | undefined {
  const bare: DesignContext = { ...ctx, draft: { ...ctx.draft, files: {} } };
  return fieldRows(bare, entity).find((row) => row.field.name === name)?.field;
}

/** An extension that changes nothing any more is removed rather than kept empty. */
function dropEmptyExtension(writer: FileWriter, file: string): void {
  const value = writer.value(file);
  if (isObject(value) && Object.keys(value).every((key) => key === "kind" || key === "entity"))
    writer.remove(file);
}

/** Equal as JSON; an unset flag is false (`required` absent in the base, false in the override). */
function sameValue(value: unknown, base: unknown): boolean {
  if (value === false && base === undefined) return true;
  return JSON.stringify(value) === JSON.stringify(base);
}
