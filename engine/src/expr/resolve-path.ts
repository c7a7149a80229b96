import { SYSTEM_FIELDS } from "./system-fields.ts";
import type { ExprEntity, ExprField, ExprModel } from "./types.ts";

export interface PathStep {
  readonly entity: ExprEntity;
  readonly field: ExprField;
}

export type PathResolution =
  | { readonly ok: true; readonly steps: readonly PathStep[] }
  | { readonly ok: false; readonly message: string };

/** A dotted field path from `entity`, each segment but the last a link to walk through. */
export function resolvePath(model: ExprModel, entity: string, path: string): PathResolution {
  const steps: PathStep[] = [];
  let current = entity;
  const segments = path.split(".");
  for (const [i, segment] of segments.entries()) {
    const def = Object.hasOwn(model.entities, current) ? model.entities[current] : undefined;
    if (!def) return { ok: false, message: `unknown entity "${current}"` };
    const field =
      def.fields.find((f) => f.name === segment) ?? SYSTEM_FIELDS.find((f) => f.name === segment);
    if (!field) {
      const where = segments.length > 1 ? ` (in "${path}")` : "";
      return { ok: false, message: `entity "${current}" has no field "${segment}"${where}` };
    }
    steps.push({ entity: def, field });
    if (i < segments.length - 1) {
      if (field.type !== "link" || field.target === undefined)
        return { ok: false, message: `"${segment}" is not a link, so "${path}" cannot go past it` };
      current = field.target;
    }
  }
  return { ok: true, steps };
}
