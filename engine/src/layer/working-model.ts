import type {
  EntityDef,
  FieldDef,
  FieldOverride,
  IndexDef,
  ValidationRule,
} from "../metadata/types.ts";

/** Where a piece of metadata was written: package, file and JSON pointer inside the file. */
export interface Loc {
  readonly package: string;
  readonly file: string;
  readonly pointer: string;
}

export interface Located<T> {
  readonly value: T;
  readonly loc: Loc;
}

/**
 * An entity while layers are applied: the merged definition plus, for every piece, where it came
 * from, so a cross-check can name the exact file and line that introduced a problem.
 */
export interface WorkingField {
  def: FieldDef;
  readonly loc: Loc;
  /** property → where a customization overrode it */
  readonly overrides: Partial<Record<keyof FieldOverride, Loc>>;
}

export type EntityProperty =
  | "labels"
  | "description"
  | "titleField"
  | "namingSeries"
  | "trackChanges"
  | "submittable";

export interface WorkingEntity {
  def: Omit<EntityDef, "fields" | "rules" | "indexes">;
  readonly loc: Loc;
  readonly fields: WorkingField[];
  readonly rules: Located<ValidationRule>[];
  readonly indexes: Located<IndexDef>[];
  /** entity property → where a customization set it */
  readonly overrides: Partial<Record<EntityProperty, Loc>>;
}

export function fieldPropLoc(field: WorkingField, prop: keyof FieldDef): Loc {
  const override = field.overrides[prop as keyof FieldOverride];
  return override ?? { ...field.loc, pointer: `${field.loc.pointer}/${prop}` };
}

export function entityPropLoc(entity: WorkingEntity, prop: EntityProperty): Loc {
  return entity.overrides[prop] ?? { ...entity.loc, pointer: `/${prop}` };
}
