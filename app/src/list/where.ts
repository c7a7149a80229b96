import { type AppModel, type Entity, type JsonLogic, SEARCHABLE_TYPES } from "@loom/engine";
import { conditionLogic, type FilterCondition } from "./filter-conditions.ts";

/**
 * The json-logic `where` of a list: the view's own filter, the quick search, the user's filter
 * conditions and the filter a report's drill-down put in the address (`narrowed`), all AND-ed. The quick search matches a record when one of the search fields
 * contains the text (`in` over text is "contains"; the engine compiles it to `strpos`). A link
 * field is searched by its target's title field. Incomplete conditions (no value yet) are left out.
 */
export function listWhere(
  model: AppModel,
  entity: Entity,
  filter: JsonLogic | undefined,
  searchFields: readonly string[],
  text: string,
  conditions: readonly FilterCondition[] = [],
  narrowed?: JsonLogic,
): JsonLogic | undefined {
  const needle = text.trim();
  const search = needle === "" ? undefined : searchCondition(model, entity, searchFields, needle);
  const parts = [filter, narrowed, search, ...conditions.map(conditionLogic)].filter(
    (part): part is JsonLogic => part !== undefined,
  );
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

function searchCondition(
  model: AppModel,
  entity: Entity,
  fields: readonly string[],
  needle: string,
): JsonLogic | undefined {
  const paths = fields.flatMap((name) => searchPath(model, entity, name));
  if (paths.length === 0) return undefined;
  const contains = paths.map((path): JsonLogic => ({ in: [needle, { var: path }] }));
  return contains.length === 1 ? contains[0]! : { or: contains };
}

function searchPath(model: AppModel, entity: Entity, name: string): string[] {
  const field = entity.fields.find((f) => f.name === name);
  if (!field) return [];
  if (SEARCHABLE_TYPES.includes(field.type)) return [name];
  if (field.type !== "link" || !field.target) return [];
  const target = model.entities[field.target];
  const title = target?.fields.find((f) => f.name === target.titleField);
  return title && SEARCHABLE_TYPES.includes(title.type) ? [`${name}.${title.name}`] : [];
}
