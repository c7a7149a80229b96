import type { Fragment } from "../expr/sql/fragment.ts";
import type { ExprField } from "../expr/types.ts";
import type { EntityType, Labels, SelectOption } from "../metadata/types.ts";
import type { AppModel } from "../model/app-model.ts";
import { WORKFLOW_TASKS, WORKFLOW_TASKS_ENTITY } from "./workflow-tasks-dataset.ts";

/** A field a report can reach: the model's fields, plus a line's `parent` link to its owner. */
export interface DatasetField extends ExprField {
  readonly labels?: Labels;
  readonly options?: readonly SelectOption[];
}

export interface DatasetEntity {
  readonly name: string;
  readonly type: EntityType;
  readonly labels: Labels;
  readonly table: string;
  readonly titleField: string;
  readonly fields: readonly DatasetField[];
  /** child entities: the entity whose lines they are */
  readonly parent?: string;
  /** a SQL subquery standing for the table (`$workflow_tasks`), given the clock; absent: `app.<table>` */
  readonly source?: (now: Date) => Fragment;
}

/** The model as reports see it: what `resolvePath` and `compileFilter` walk. */
export interface DatasetModel {
  readonly entities: Readonly<Record<string, DatasetEntity>>;
  readonly parameters?: AppModel["parameters"];
}

/** The link from a line to the record it belongs to, read as `parent.<field>`. */
export const PARENT = "parent";

const cache = new WeakMap<AppModel, DatasetModel>();

/**
 * The model's entities with a `parent` link on every child entity (column `parent_id`), and the
 * built-in `$workflow_tasks` dataset. Made once per model (models are immutable).
 */
export function datasetModel(model: AppModel): DatasetModel {
  let found = cache.get(model);
  if (!found) {
    const entities: Record<string, DatasetEntity> = { [WORKFLOW_TASKS]: WORKFLOW_TASKS_ENTITY };
    for (const entity of Object.values(model.entities)) {
      const owner = entity.parent?.entity;
      const ownField = entity.fields.some((f) => f.name === PARENT);
      entities[entity.name] = {
        name: entity.name,
        type: entity.type,
        labels: entity.labels,
        table: entity.table,
        titleField: entity.titleField,
        ...(owner !== undefined && { parent: owner }),
        fields:
          owner === undefined || ownField
            ? entity.fields
            : [
                ...entity.fields,
                {
                  name: PARENT,
                  type: "link",
                  target: owner,
                  column: "parent_id",
                  labels: model.entities[owner]?.labels ?? { en: owner },
                },
              ],
      };
    }
    found = { entities, ...(model.parameters && { parameters: model.parameters }) };
    cache.set(model, found);
  }
  return found;
}
