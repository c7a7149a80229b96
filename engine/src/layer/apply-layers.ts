import { dependencyClosure } from "../compile/order-packages.ts";
import type { Issue } from "../errors.ts";
import type {
  EntityDef,
  EntityExtensionDef,
  FieldOverride,
  LoadedComponent,
  LoadedPackage,
} from "../metadata/types.ts";
import type { EntityProperty, Loc, WorkingEntity } from "./working-model.ts";

const ENTITY_PROPERTIES: readonly EntityProperty[] = [
  "labels",
  "description",
  "titleField",
  "namingSeries",
  "trackChanges",
  "submittable",
];

/**
 * Builds the working entities from packages in dependency order: entities first, then each
 * customization's extensions over what its dependencies defined. A customization never edits
 * a base file, so upgrading the base keeps every extension.
 */
export function applyLayers(ordered: readonly LoadedPackage[]): {
  entities: Map<string, WorkingEntity>;
  issues: Issue[];
} {
  const issues: Issue[] = [];
  const entities = new Map<string, WorkingEntity>();
  const byName = new Map(ordered.map((pkg) => [pkg.manifest.name, pkg]));

  for (const pkg of ordered) {
    for (const component of pkg.components) {
      if (component.def.kind !== "entity") continue;
      const loc = { package: pkg.manifest.name, file: component.file, pointer: "" };
      const existing = entities.get(component.def.name);
      if (existing) {
        issues.push(
          issueAt(
            { ...loc, pointer: "/name" },
            "duplicate-entity",
            `entity "${component.def.name}" is already defined in ${existing.loc.package}/${existing.loc.file}`,
          ),
        );
        continue;
      }
      entities.set(component.def.name, workingEntity(component.def, loc));
    }
  }

  for (const pkg of ordered) {
    const visible = dependencyClosure(pkg.manifest.name, byName);
    for (const component of pkg.components) {
      if (component.def.kind !== "entity-extension") continue;
      applyExtension(pkg, component, component.def, entities, visible, issues);
    }
  }
  return { entities, issues };
}

function workingEntity(def: EntityDef, loc: Loc): WorkingEntity {
  const { fields, rules, indexes, ...rest } = def;
  return {
    def: rest,
    loc,
    fields: fields.map((field, i) => ({
      def: field,
      loc: { ...loc, pointer: `/fields/${i}` },
      overrides: {},
    })),
    rules: (rules ?? []).map((rule, i) => ({
      value: rule,
      loc: { ...loc, pointer: `/rules/${i}` },
    })),
    indexes: (indexes ?? []).map((index, i) => ({
      value: index,
      loc: { ...loc, pointer: `/indexes/${i}` },
    })),
    overrides: {},
  };
}

function applyExtension(
  pkg: LoadedPackage,
  component: LoadedComponent,
  extension: EntityExtensionDef,
  entities: Map<string, WorkingEntity>,
  visible: ReadonlySet<string>,
  issues: Issue[],
): void {
  const at = (pointer: string): Loc => ({
    package: pkg.manifest.name,
    file: component.file,
    pointer,
  });
  if (pkg.manifest.layer !== "customization") {
    issues.push(
      issueAt(
        at("/kind"),
        "extension-in-base",
        'only a customization package may extend entities; set its layer to "customization"',
      ),
    );
    return;
  }
  const entity = entities.get(extension.entity);
  if (!entity) {
    issues.push(
      issueAt(
        at("/entity"),
        "unknown-entity",
        `extends entity "${extension.entity}", which no package defines`,
      ),
    );
    return;
  }
  if (entity.loc.package !== pkg.manifest.name && !visible.has(entity.loc.package)) {
    issues.push(
      issueAt(
        at("/entity"),
        "extension-not-dependency",
        `entity "${extension.entity}" belongs to package "${entity.loc.package}"; add it to dependsOn to extend it`,
      ),
    );
    return;
  }

  for (const prop of ENTITY_PROPERTIES) {
    if (extension[prop] === undefined) continue;
    (entity.def as Record<EntityProperty, unknown>)[prop] = extension[prop];
    entity.overrides[prop] = at(`/${prop}`);
  }

  (extension.fields ?? []).forEach((field, i) => {
    entity.fields.push({ def: field, loc: at(`/fields/${i}`), overrides: {} });
  });

  for (const [name, override] of Object.entries(extension.fieldOverrides ?? {})) {
    const field = entity.fields.find((f) => f.def.name === name);
    if (!field) {
      issues.push(
        issueAt(
          at(`/fieldOverrides/${name}`),
          "unknown-field",
          `entity "${extension.entity}" has no field "${name}" to override`,
        ),
      );
      continue;
    }
    field.def = { ...field.def, ...override };
    for (const prop of Object.keys(override) as (keyof FieldOverride)[]) {
      field.overrides[prop] = at(`/fieldOverrides/${name}/${prop}`);
    }
  }

  (extension.rules ?? []).forEach((rule, i) => {
    entity.rules.push({ value: rule, loc: at(`/rules/${i}`) });
  });
  (extension.indexes ?? []).forEach((index, i) => {
    entity.indexes.push({ value: index, loc: at(`/indexes/${i}`) });
  });
}

export function issueAt(loc: Loc, code: string, message: string): Issue {
  return { code, message, package: loc.package, file: loc.file, path: loc.pointer };
}
