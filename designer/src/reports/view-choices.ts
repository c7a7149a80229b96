import type { Labels } from "@loom/engine";
import { type DesignContext, isObject, readComponents } from "../draft/design-context.ts";
import type { ViewChoice } from "./report-basics.tsx";

/** The list views of the draft and its bases over one of `entities`, by name. */
export function viewChoices(ctx: DesignContext, entities: readonly string[]): ViewChoice[] {
  return [readComponents(ctx.draft.files), ...ctx.bases.map((b) => b.components)]
    .flat()
    .flatMap(({ value }): ViewChoice[] =>
      value.kind === "view" &&
      typeof value.name === "string" &&
      typeof value.entity === "string" &&
      entities.includes(value.entity)
        ? [
            {
              name: value.name,
              entity: value.entity,
              labels: isObject(value.labels) ? (value.labels as unknown as Labels) : null,
            },
          ]
        : [],
    )
    .sort((a, b) => a.name.localeCompare(b.name));
}
