import { dependencyClosure } from "../compile/order-packages.ts";
import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import type { DataRow, LoadedPackage } from "../metadata/types.ts";
import type { AppModel } from "../model/app-model.ts";
import { validateAgainst } from "../validate/schema-validators.ts";
import { collectDataFiles, type DataFile, locOf } from "./data-files.ts";
import { KEY_TYPES, keyIsUnique, linkKey, rowKey } from "./data-keys.ts";
import { dataLinks } from "./data-links.ts";
import { dataOrder } from "./data-order.ts";
import { type DataKeys, dataRowSchema, rowPropertyProblem } from "./row-schema.ts";

/**
 * Checks the packages' reference data against the compiled model, every issue naming the file
 * and JSON pointer: entities that are reference data and visible to the package, keys the
 * database keeps unique, rows valid for their fields with their key given once across all
 * packages, links naming rows of the target's data, and an order to write them in.
 */
export function checkReferenceData(ordered: readonly LoadedPackage[], model: AppModel): Issue[] {
  const { files, issues } = collectDataFiles(ordered);
  const byName = new Map(ordered.map((pkg) => [pkg.manifest.name, pkg]));
  const visibleOf = (name: string) => new Set([name, ...dependencyClosure(name, byName)]);
  const usable = files.filter((file) => {
    const found = [
      ...entityIssues(file, model, visibleOf(file.package)),
      ...keyIssues(file, model),
    ];
    issues.push(...found);
    return found.length === 0;
  });
  const keys = new Map<string, readonly string[]>();
  const keyed = usable.filter((file) => {
    const declared = keys.get(file.def.entity);
    if (!declared) keys.set(file.def.entity, file.def.key);
    else if (!sameFields(declared, file.def.key)) {
      issues.push(
        issueAt(
          locOf(file, "/key"),
          "data-key-mismatch",
          `another package finds "${file.def.entity}" rows by ${fieldList(declared)}; every data file of an entity uses the same key`,
        ),
      );
      return false;
    }
    return true;
  });

  // key text → where the row is written, per entity, across every package
  const rowsOf = new Map<string, Map<string, Loc>>();
  for (const file of keyed) issues.push(...rowIssues(file, model, keys, rowsOf));
  for (const file of keyed)
    issues.push(...linkIssues(file, model, keys, rowsOf, visibleOf(file.package)));
  if (issues.length === 0) issues.push(...dataOrder(keyed, model).issues);
  return issues;
}

function entityIssues(file: DataFile, model: AppModel, visible: ReadonlySet<string>): Issue[] {
  const at = locOf(file, "/entity");
  const name = file.def.entity;
  const entity = model.entities[name];
  if (!entity) return [issueAt(at, "unknown-entity", `no package defines entity "${name}"`)];
  if (!visible.has(entity.origin.package))
    return [
      issueAt(
        at,
        "data-foreign-entity",
        `"${name}" is defined by package "${entity.origin.package}", which "${file.package}" does not depend on; bring its rows in that package or add it to dependsOn`,
      ),
    ];
  const refuse = (code: string, why: string): Issue[] => [
    issueAt(
      at,
      code,
      `"${name}" ${why}: reference data is for lookup entities (units, currencies, categories), never for business records`,
    ),
  ];
  if (entity.type === "child")
    return refuse("data-child-entity", `holds the lines of "${entity.parent?.entity}"`);
  if (entity.submittable) return refuse("data-submittable-entity", "is submittable");
  if (model.workflows[name])
    return refuse("data-workflow-entity", `follows workflow "${model.workflows[name].name}"`);
  if (entity.namingSeries) return refuse("data-numbered-entity", "is numbered by a naming series");
  return [];
}

function keyIssues(file: DataFile, model: AppModel): Issue[] {
  const entity = model.entities[file.def.entity];
  if (!entity) return [];
  const issues: Issue[] = [];
  file.def.key.forEach((name, i) => {
    const field = entity.fields.find((f) => f.name === name);
    if (!field)
      issues.push(
        issueAt(
          locOf(file, `/key/${i}`),
          "unknown-field",
          `entity "${entity.name}" has no field "${name}"`,
        ),
      );
    else if (!KEY_TYPES.has(field.type) || field.computed !== undefined)
      issues.push(
        issueAt(
          locOf(file, `/key/${i}`),
          "data-key-type",
          `"${name}" is ${field.computed === undefined ? `a ${field.type} field` : "computed"}; a key field holds text, integer, select, email, phone, url or date values the rows give`,
        ),
      );
  });
  if (issues.length === 0 && !keyIsUnique(entity, file.def.key))
    issues.push(
      issueAt(
        locOf(file, "/key"),
        "data-key-not-unique",
        file.def.key.length === 1
          ? `"${file.def.key[0]}" is not declared unique in "${entity.name}": add "unique": true to the field, so the database finds each row by it and keeps it unique`
          : `"${entity.name}" has no unique index over ${fieldList(file.def.key)}: add one ({ "fields": [...], "unique": true }), so the database finds each row by it and keeps it unique`,
      ),
    );
  return issues;
}

/** Property names, values, and each key given once in the file and across all packages. */
function rowIssues(
  file: DataFile,
  model: AppModel,
  keys: DataKeys,
  rowsOf: Map<string, Map<string, Loc>>,
): Issue[] {
  const entity = model.entities[file.def.entity]!;
  const schema = dataRowSchema(model, entity, file.def.key, keys);
  const seen = rowsOf.get(entity.name) ?? new Map<string, Loc>();
  rowsOf.set(entity.name, seen);
  const issues: Issue[] = [];
  file.def.rows.forEach((row, i) => {
    const pointer = `/rows/${i}`;
    const allowed: DataRow = {};
    for (const [name, value] of Object.entries(row)) {
      const problem = rowPropertyProblem(entity, name);
      if (problem)
        issues.push(issueAt(locOf(file, `${pointer}/${name}`), problem.code, problem.message));
      else allowed[name] = value;
    }
    const errors = validateAgainst(schema, allowed);
    for (const error of errors)
      issues.push(issueAt(locOf(file, `${pointer}${error.pointer}`), "data-value", error.message));
    if (errors.length > 0) return;
    const key = rowKey(file.def.key, row);
    const earlier = seen.get(key);
    if (earlier)
      issues.push(
        issueAt(
          locOf(file, pointer),
          "duplicate-data-row",
          `the row with key ${key} is already given at ${earlier.package}/${earlier.file} ${earlier.pointer}; each row of "${entity.name}" comes from one place`,
        ),
      );
    else seen.set(key, locOf(file, pointer));
  });
  return issues;
}

/**
 * A link's value names a row of the target's data, brought by this package or one it depends on:
 * the row exists whenever this package's rows are written.
 */
function linkIssues(
  file: DataFile,
  model: AppModel,
  keys: DataKeys,
  rowsOf: ReadonlyMap<string, ReadonlyMap<string, Loc>>,
  visible: ReadonlySet<string>,
): Issue[] {
  const entity = model.entities[file.def.entity]!;
  const issues: Issue[] = [];
  for (const link of dataLinks(entity)) {
    const targetKey = keys.get(link.target);
    let reported = false;
    file.def.rows.forEach((row, i) => {
      const value = row[link.field];
      if (value === undefined || value === null) return;
      const at = locOf(file, `/rows/${i}/${link.field}`);
      if (!targetKey) {
        // at the first row only: every row would say the same
        if (!reported)
          issues.push(
            issueAt(
              at,
              "data-link-no-data",
              `"${link.field}" links to "${link.target}", which no package brings reference data for: a row can only be named by the key of a data file's row`,
            ),
          );
        reported = true;
        return;
      }
      const key = linkKey(targetKey, value);
      const found = key === undefined ? undefined : rowsOf.get(link.target)?.get(key);
      if (key !== undefined && (!found || !visible.has(found.package)))
        issues.push(
          issueAt(
            at,
            "unknown-data-row",
            `no data file of "${file.package}" or the packages it depends on has a "${link.target}" row with key ${key}`,
          ),
        );
    });
  }
  return issues;
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name));
}

function fieldList(names: readonly string[]): string {
  return names.map((name) => `"${name}"`).join(", ");
}
