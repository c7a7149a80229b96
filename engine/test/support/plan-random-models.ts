import fc from "fast-check";
import type { FieldType } from "../../src/metadata/types.ts";
import type { AppModel, Entity, Field, Index } from "../../src/model/app-model.ts";
import { entity, field, model } from "./plan-model-builder.ts";

/**
 * Random models and random successors of them for the planner's property tests: a few entities
 * of every kind, fields of every stored type with valid constant defaults, and a successor that
 * renames, drops, adds, retypes and re-flags entities and fields.
 */
type Gen = fc.GeneratorValue;
type Draft<T> = { -readonly [K in keyof T]?: T[K] };

const ENTITY_NAMES = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"];
const FIELD_NAMES = ["f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9"];
const STORED_TYPES: readonly FieldType[] = [
  "text",
  "longtext",
  "integer",
  "decimal",
  "money",
  "percent",
  "boolean",
  "date",
  "datetime",
  "select",
  "multiselect",
  "email",
  "phone",
  "url",
  "json",
  "link",
];
const TEXT_LIKE: readonly FieldType[] = ["text", "email", "phone", "url"];
type Kind = Entity["type"];

/** A tricky character set for literals: quotes, backslashes, array syntax, blanks, non-ASCII. */
const tricky = (maxLength: number): fc.Arbitrary<string> => {
  const text = fc.string({
    unit: fc.constantFrom(
      "a",
      "Z",
      "'",
      '"',
      "\\",
      " ",
      "{",
      "}",
      ",",
      "é",
      "中",
      "\n",
      "\t",
      "\u3000",
    ),
    maxLength,
  });
  return maxLength < 4 ? text : fc.oneof(text, fc.constantFrom("NULL", "null"));
};

function randomDefault(g: Gen, type: FieldType, draft: Draft<Field>): unknown {
  const decimals = (scale: number, integerDigits: number) =>
    g(fc.integer, {
      min: -(10 ** Math.min(integerDigits, 6)) + 1,
      max: 10 ** Math.min(integerDigits, 6) - 1,
    }) /
    10 ** g(fc.integer, { min: 0, max: scale });
  const day = () =>
    g(fc.date, { min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true });
  switch (type) {
    case "integer":
      return g(fc.integer, { min: -(2 ** 40), max: 2 ** 40 });
    case "decimal":
      return decimals(draft.scale ?? 6, (draft.precision ?? 18) - (draft.scale ?? 6));
    case "money":
      return decimals(2, 16);
    case "percent":
      return decimals(4, 5);
    case "boolean":
      return g(fc.boolean);
    case "date":
      return day().toISOString().slice(0, 10);
    case "datetime":
      return day().toISOString();
    case "multiselect":
      return g(fc.array, tricky(5), { maxLength: 3 });
    case "json":
      return g(() =>
        fc
          .jsonValue({ maxDepth: 2, stringUnit: "grapheme" })
          .filter((value) => !JSON.stringify(value).includes("\\u0000")),
      );
    case "link":
      return undefined;
    default:
      return g(() => tricky(draft.maxLength ?? 8));
  }
}

function randomField(g: Gen, name: string, targets: readonly string[]): Field {
  const type = g(fc.constantFrom, ...STORED_TYPES);
  const draft: Draft<Field> = { required: g(fc.boolean), unique: g(fc.boolean) };
  if (type === "link") {
    draft.target = g(fc.constantFrom, ...targets);
    if (g(fc.boolean)) draft.onDelete = "set-null";
  }
  if (TEXT_LIKE.includes(type) && g(fc.boolean))
    draft.maxLength = g(fc.integer, { min: 1, max: 30 });
  if (type === "decimal" && g(fc.boolean)) {
    draft.precision = g(fc.integer, { min: 3, max: 24 });
    draft.scale = g(fc.integer, { min: 0, max: Math.min(6, draft.precision - 3) });
  }
  if (g(fc.boolean)) {
    const value = randomDefault(g, type, draft);
    if (value !== undefined) draft.default = value;
  }
  return field(name, type, draft);
}

function randomIndexes(g: Gen, entityName: string, fields: readonly Field[]): Index[] {
  const columns = fields.flatMap((item) => item.column ?? []);
  if (columns.length === 0 || !g(fc.boolean)) return [];
  const picked = g(fc.subarray, columns, { minLength: 1, maxLength: Math.min(2, columns.length) });
  return [{ name: `dx_${entityName}_${g(fc.nat, 9)}`, columns: picked, unique: g(fc.boolean) }];
}

export function randomModel(g: Gen): AppModel {
  const names = g(fc.subarray, ENTITY_NAMES.slice(0, 5), { minLength: 1, maxLength: 4 });
  const entities = names.map((name) => {
    const fields = g(fc.subarray, FIELD_NAMES, { maxLength: 6 }).map((fieldName) =>
      randomField(g, fieldName, names),
    );
    const kind = g(fc.constantFrom, "normal", "normal", "single", "tree", "child") as Kind;
    return entity(name, fields, { type: kind, indexes: randomIndexes(g, name, fields) });
  });
  return withOwners(g, entities);
}

/**
 * Gives each child an owner (a non-child entity with a `table` field of lines), and turns a child
 * without a possible owner into a normal entity.
 */
function withOwners(g: Gen, entities: readonly Entity[]): AppModel {
  const owners = entities.filter((item) => item.type !== "child").map((item) => item.name);
  const linked = entities.map((item) => {
    if (item.type !== "child") return { ...item, parent: undefined };
    if (owners.length === 0) return { ...item, type: "normal" as const, parent: undefined };
    const owner =
      item.parent && owners.includes(item.parent.entity)
        ? item.parent.entity
        : g(fc.constantFrom, ...owners);
    return { ...item, parent: { entity: owner, field: `lines_${item.name}` } };
  });
  return model(
    ...linked.map((item) => {
      const lines = linked
        .filter((other) => other.parent?.entity === item.name)
        .map((other) => field(`lines_${other.name}`, "table", { target: other.name }));
      return { ...item, fields: [...item.fields.filter((f) => f.type !== "table"), ...lines] };
    }),
  );
}

/** A successor of `a`: entities and fields kept, renamed, dropped, changed or added. */
export function mutateModel(g: Gen, a: AppModel): AppModel {
  const olds = Object.values(a.entities);
  const unused = ENTITY_NAMES.filter((name) => !a.entities[name]);
  const renamed = new Map<string, string>();
  const survivors = olds.flatMap((old) => {
    const action = g(fc.constantFrom, "keep", "keep", "keep", "rename", "drop");
    if (action === "drop") return [];
    const name = action === "rename" && unused.length > 0 ? (unused.shift() as string) : old.name;
    renamed.set(old.name, name);
    return [{ old, name }];
  });
  const added = g(fc.boolean) && unused.length > 0 ? [unused.shift() as string] : [];
  const names = [...survivors.map((item) => item.name), ...added];
  if (names.length === 0) return model();
  const retarget = (target: string | undefined) =>
    (target && renamed.get(target)) ?? g(fc.constantFrom, ...names);
  const entities = [
    ...survivors.map(({ old, name }) => mutateEntity(g, old, name, names, retarget)),
    ...added.map((name) =>
      entity(
        name,
        g(fc.subarray, FIELD_NAMES, { maxLength: 4 }).map((f) => randomField(g, f, names)),
      ),
    ),
  ];
  return withOwners(
    g,
    entities.map((item) =>
      item.parent
        ? { ...item, parent: { ...item.parent, entity: renamed.get(item.parent.entity) ?? "" } }
        : item,
    ),
  );
}

function mutateEntity(
  g: Gen,
  old: Entity,
  name: string,
  names: readonly string[],
  retarget: (target: string | undefined) => string,
): Entity {
  const columns = new Map<string, string>();
  const taken = new Set(old.fields.map((item) => item.name));
  const freeName = () => FIELD_NAMES.find((candidate) => !taken.has(candidate));
  const fields = old.fields.flatMap((item): Field[] => {
    if (item.type === "table") return [];
    const action = g(fc.constantFrom, "keep", "keep", "rename", "drop", "retype", "flags");
    if (action === "drop") return [];
    const newName = action === "rename" ? freeName() : item.name;
    if (newName === undefined) return [];
    taken.add(newName);
    columns.set(item.name, newName);
    const renamedFrom = newName === item.name ? {} : { renamedFrom: item.name };
    if (action === "retype") return [{ ...randomField(g, newName, names), ...renamedFrom }];
    const draft: Draft<Field> = { ...item, name: newName, column: newName, ...renamedFrom };
    if (item.type === "link") draft.target = retarget(item.target);
    if (action === "flags") {
      draft.required = g(fc.boolean);
      draft.unique = g(fc.boolean);
      if (g(fc.boolean)) draft.default = randomDefault(g, item.type, draft);
    }
    return [draft as Field];
  });
  const freshName = freeName();
  if (freshName !== undefined && g(fc.boolean)) {
    fields.push({
      ...randomField(g, freshName, names),
      ...(g(fc.boolean) ? { renamedFrom: "ghost" } : {}),
    });
  }
  const indexes = old.indexes.flatMap((index) => {
    const kept = index.columns.map((column) => columns.get(column));
    return kept.every((column) => column && fields.some((f) => f.column === column))
      ? [{ ...index, columns: kept as string[] }]
      : [];
  });
  const type =
    old.type === "child"
      ? g(fc.constantFrom, "child", "child", "normal")
      : g(fc.constantFrom, old.type, old.type, "normal", "tree", "single");
  return {
    ...old,
    name,
    table: name,
    labels: { en: name },
    type: type as Kind,
    fields,
    indexes,
    ...(name === old.name ? {} : { renamedFrom: old.name }),
  };
}
