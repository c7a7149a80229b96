import { entityPropLoc, type WorkingEntity } from "../layer/working-model.ts";
import type { FieldDef } from "../metadata/types.ts";

/**
 * Submittable entities with their lifecycle fields appended (see LIFECYCLE_FIELDS), located at
 * the `submittable` that asked for them. From here on they are fields like any other: columns,
 * expressions, grants and the API see them; both are read-only, the runtime writes them.
 */
export function withLifecycleFields(
  entities: ReadonlyMap<string, WorkingEntity>,
): Map<string, WorkingEntity> {
  const result = new Map<string, WorkingEntity>();
  for (const [name, entity] of entities) {
    if (!entity.def.submittable) result.set(name, entity);
    else {
      const loc = entityPropLoc(entity, "submittable");
      const added = lifecycleFieldDefs(name).map((def) => ({ def, loc, overrides: {} }));
      result.set(name, { ...entity, fields: [...entity.fields, ...added] });
    }
  }
  return result;
}

/** The lifecycle fields a submittable `entity` gets (the designer offers them in expressions). */
export function lifecycleFieldDefs(entity: string): FieldDef[] {
  return [
    {
      name: "docstatus",
      type: "select",
      labels: { en: "Document Status", "zh-CN": "单据状态" },
      required: true,
      default: "draft",
      readOnly: true,
      options: [
        { value: "draft", labels: { en: "Draft", "zh-CN": "草稿" } },
        { value: "submitted", labels: { en: "Submitted", "zh-CN": "已提交" } },
        { value: "cancelled", labels: { en: "Cancelled", "zh-CN": "已取消" } },
      ],
    },
    {
      name: "amended_from",
      type: "link",
      labels: { en: "Amended From", "zh-CN": "修订自" },
      readOnly: true,
      target: entity,
      onDelete: "set-null",
    },
  ];
}
