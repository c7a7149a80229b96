import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import {
  entityPropLoc,
  fieldPropLoc,
  type WorkingEntity,
  type WorkingField,
} from "../layer/working-model.ts";
import type { FieldDef, FieldType } from "../metadata/types.ts";
import { reservedReason } from "./reserved-words.ts";

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(["text", "longtext", "email", "phone", "url"]);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(["integer", "decimal", "money", "percent"]);
const NO_DEFAULT_TYPES: ReadonlySet<FieldType> = new Set(["link", "table"]);
const UNINDEXABLE_TYPES: ReadonlySet<FieldType> = new Set(["table", "json", "longtext"]);

/** Structural cross-checks that JSON Schema cannot express: names, references, options, defaults. */
export function checkEntities(entities: ReadonlyMap<string, WorkingEntity>): Issue[] {
  const issues: Issue[] = [];
  const owners = new Map<string, { entity: string; field: WorkingField }[]>();

  for (const entity of entities.values()) {
    const reserved = reservedReason(entity.def.name, "entity");
    if (reserved)
      issues.push(issueAt({ ...entity.loc, pointer: "/name" }, "reserved-name", reserved));
    const names = new Set<string>();
    for (const field of entity.fields) {
      issues.push(...checkField(field, entities));
      const name = field.def.name;
      if (names.has(name)) {
        issues.push(
          issueAt(
            { ...field.loc, pointer: `${field.loc.pointer}/name` },
            "duplicate-field",
            `entity "${entity.def.name}" already has a field "${name}"`,
          ),
        );
      }
      names.add(name);
      if (field.def.type === "table" && field.def.target) {
        const list = owners.get(field.def.target) ?? [];
        list.push({ entity: entity.def.name, field });
        owners.set(field.def.target, list);
      }
    }
    for (const field of entity.fields) {
      const from = field.def.renamedFrom;
      if (from && names.has(from)) {
        issues.push(
          issueAt(
            fieldPropLoc(field, "renamedFrom"),
            "rename-collision",
            `renamedFrom "${from}" names a field that still exists; remove one of them`,
          ),
        );
      }
    }
    issues.push(...checkEntityProperties(entity));
  }

  for (const entity of entities.values()) {
    if (entity.def.type !== "child") continue;
    const list = owners.get(entity.def.name) ?? [];
    if (list.length === 0) {
      issues.push(
        issueAt(
          { ...entity.loc, pointer: "/type" },
          "orphan-child",
          `child entity "${entity.def.name}" holds lines, but no table field uses it`,
        ),
      );
    }
    for (const extra of list.slice(1)) {
      issues.push(
        issueAt(
          fieldPropLoc(extra.field, "target"),
          "shared-child",
          `child entity "${entity.def.name}" already holds the lines of ${list[0]!.entity}.${list[0]!.field.def.name}; each table field needs its own child entity`,
        ),
      );
    }
  }
  return issues;
}

function checkField(field: WorkingField, entities: ReadonlyMap<string, WorkingEntity>): Issue[] {
  const issues: Issue[] = [];
  const def = field.def;
  const report = (prop: keyof FieldDef, code: string, message: string): void => {
    issues.push(issueAt(fieldPropLoc(field, prop), code, message));
  };

  const reserved = reservedReason(def.name, "field");
  if (reserved) report("name", "reserved-name", reserved);

  if (def.type === "link" || def.type === "table") {
    const target = def.target ? entities.get(def.target) : undefined;
    if (!def.target)
      report("type", "missing-target", `a ${def.type} field needs a "target" entity`);
    else if (!target)
      report(
        "target",
        "unknown-entity",
        `target entity "${def.target}" is not defined in any installed package`,
      );
    else if (def.type === "link" && target.def.type === "child")
      report(
        "target",
        "link-to-child",
        `"${def.target}" holds lines of another record; link to its parent entity instead`,
      );
    else if (def.type === "table" && target.def.type !== "child")
      report(
        "target",
        "table-needs-child",
        `a table field's target must be an entity of type "child"; "${def.target}" is "${target.def.type ?? "normal"}"`,
      );
  }

  if (def.type === "select" || def.type === "multiselect") {
    const values = new Set<string>();
    (def.options ?? []).forEach((option, i) => {
      if (values.has(option.value))
        report(
          "options",
          "duplicate-option",
          `option value "${option.value}" appears twice (at index ${i})`,
        );
      values.add(option.value);
    });
    if (def.default !== undefined) {
      const given =
        def.type === "multiselect" && Array.isArray(def.default) ? def.default : [def.default];
      for (const value of given) {
        if (typeof value !== "string" || !values.has(value))
          report(
            "default",
            "default-not-an-option",
            `default ${JSON.stringify(value)} is not one of the options (${[...values].join(", ")})`,
          );
      }
    }
  } else if (def.default !== undefined) {
    const problem = defaultProblem(def);
    if (problem) report("default", "bad-default", problem);
  }

  if (def.scale !== undefined && (def.precision ?? 18) < def.scale)
    report("scale", "bad-scale", `scale ${def.scale} exceeds precision ${def.precision ?? 18}`);
  if ((def.min !== undefined || def.max !== undefined) && !NUMBER_TYPES.has(def.type))
    report(
      def.min !== undefined ? "min" : "max",
      "misplaced-property",
      "min and max apply to number fields; use minLength/maxLength for text",
    );
  if (def.min !== undefined && def.max !== undefined && def.min > def.max)
    report("min", "bad-range", `min ${def.min} is greater than max ${def.max}`);
  if (
    (def.minLength !== undefined || def.maxLength !== undefined || def.pattern !== undefined) &&
    !TEXT_TYPES.has(def.type)
  )
    report(
      def.pattern !== undefined ? "pattern" : "maxLength",
      "misplaced-property",
      "minLength, maxLength and pattern apply to text fields",
    );
  if (def.minLength !== undefined && def.maxLength !== undefined && def.minLength > def.maxLength)
    report(
      "minLength",
      "bad-range",
      `minLength ${def.minLength} is greater than maxLength ${def.maxLength}`,
    );
  if (def.pattern !== undefined) {
    try {
      new RegExp(def.pattern, "u");
    } catch (error) {
      report(
        "pattern",
        "bad-pattern",
        `pattern is not a valid regular expression: ${(error as Error).message}`,
      );
    }
  }
  if (def.onDelete === "set-null" && def.required)
    report(
      "onDelete",
      "bad-on-delete",
      "a required link cannot be set to null when its target is deleted; use restrict",
    );
  if (def.unique && UNINDEXABLE_TYPES.has(def.type))
    report("unique", "bad-unique", `a ${def.type} field cannot be unique`);
  if (def.computed !== undefined && (def.default !== undefined || def.defaultExpr !== undefined))
    report(
      "computed",
      "computed-with-default",
      "a computed field is always calculated; remove its default",
    );
  return issues;
}

function defaultProblem(def: FieldDef): string | undefined {
  const value = def.default;
  if (NO_DEFAULT_TYPES.has(def.type)) return `a ${def.type} field cannot have a constant default`;
  if (value === null) return def.required ? "a required field cannot default to null" : undefined;
  switch (def.type) {
    case "integer":
      return Number.isSafeInteger(value) ? undefined : "default must be a whole number";
    case "decimal":
    case "money":
    case "percent":
      return typeof value === "number" && Number.isFinite(value)
        ? undefined
        : "default must be a number";
    case "boolean":
      return typeof value === "boolean" ? undefined : "default must be true or false";
    case "date":
      return typeof value === "string" && isIsoDate(value)
        ? undefined
        : 'default must be a date "YYYY-MM-DD"';
    case "datetime":
      return typeof value === "string" &&
        !Number.isNaN(Date.parse(value)) &&
        /^\d{4}-\d{2}-\d{2}T/.test(value)
        ? undefined
        : 'default must be an ISO date-time, e.g. "2026-01-31T08:00:00Z"';
    case "json":
      return undefined;
    default: {
      if (typeof value !== "string") return "default must be a string";
      if (def.maxLength !== undefined && value.length > def.maxLength)
        return `default is longer than maxLength ${def.maxLength}`;
      return undefined;
    }
  }
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function checkEntityProperties(entity: WorkingEntity): Issue[] {
  const issues: Issue[] = [];
  const fields = new Map(entity.fields.map((f) => [f.def.name, f.def]));
  const title = entity.def.titleField;
  if (title !== undefined && title !== "id") {
    const field = fields.get(title);
    if (!field)
      issues.push(
        issueAt(
          entityPropLoc(entity, "titleField"),
          "unknown-field",
          `titleField "${title}" is not a field of "${entity.def.name}"`,
        ),
      );
    else if (field.type === "table" || field.type === "json")
      issues.push(
        issueAt(
          entityPropLoc(entity, "titleField"),
          "bad-title-field",
          `titleField "${title}" is a ${field.type} field; choose a field with a short readable value`,
        ),
      );
  }
  const series = entity.def.namingSeries;
  if (series) {
    const field = fields.get(series.field);
    const loc = entityPropLoc(entity, "namingSeries");
    if (!field)
      issues.push(
        issueAt(
          loc,
          "unknown-field",
          `naming series field "${series.field}" is not a field of "${entity.def.name}"`,
        ),
      );
    else if (field.type !== "text")
      issues.push(
        issueAt(
          loc,
          "bad-series-field",
          `naming series field "${series.field}" must be a text field, not ${field.type}`,
        ),
      );
    if (!/\{#+\}/.test(series.pattern))
      issues.push(
        issueAt(
          loc,
          "bad-series-pattern",
          `pattern "${series.pattern}" needs a counter such as {#####}`,
        ),
      );
  }
  const indexNames = new Set<string>();
  for (const index of entity.indexes) {
    index.value.fields.forEach((name, i) => {
      const field = fields.get(name);
      const loc = { ...index.loc, pointer: `${index.loc.pointer}/fields/${i}` };
      if (!field)
        issues.push(
          issueAt(
            loc,
            "unknown-field",
            `index field "${name}" is not a field of "${entity.def.name}"`,
          ),
        );
      else if (UNINDEXABLE_TYPES.has(field.type))
        issues.push(issueAt(loc, "bad-index-field", `a ${field.type} field cannot be indexed`));
    });
    const name = index.value.name ?? index.value.fields.join("_");
    if (indexNames.has(name))
      issues.push(issueAt(index.loc, "duplicate-index", `index "${name}" is declared twice`));
    indexNames.add(name);
  }
  const ruleNames = new Set<string>();
  for (const rule of entity.rules) {
    if (ruleNames.has(rule.value.name))
      issues.push(
        issueAt(
          { ...rule.loc, pointer: `${rule.loc.pointer}/name` },
          "duplicate-rule",
          `rule "${rule.value.name}" is declared twice`,
        ),
      );
    ruleNames.add(rule.value.name);
  }
  return issues;
}
