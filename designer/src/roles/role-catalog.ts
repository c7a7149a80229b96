import { ADMIN_ROLE, type Labels } from "@loom/engine";
import {
  type Component,
  type DesignContext,
  isObject,
  readComponents,
} from "../draft/design-context.ts";

/** A role the designer lists: where it is defined, and whether the draft may edit it. */
export interface RoleEntry {
  readonly name: string;
  readonly labels: Labels | null;
  readonly description: Labels | null;
  /** the package defining it (`loom` for the built-in administrator) */
  readonly package: string;
  readonly file: string;
  /** defined in the draft's package: edited in its own file */
  readonly own: boolean;
  /** the built-in `admin`: no package defines it */
  readonly builtIn: boolean;
  readonly administrator: boolean;
  readonly designer: boolean;
  /** its `grants` as written (entries that are not objects stay, so indexes match the file) */
  readonly grants: readonly unknown[];
  /** the file's value as written, what a copy starts from */
  readonly value: Readonly<Record<string, unknown>>;
}

/**
 * Every role: the draft's own first, then each base package's, then the built-in administrator.
 * A role is a whole document, so only the draft's own roles are editable; the others can be
 * copied into the draft as new roles.
 */
export function roleCatalog(ctx: DesignContext): RoleEntry[] {
  const byName = (a: RoleEntry, b: RoleEntry) => a.name.localeCompare(b.name);
  const own = readComponents(ctx.draft.files).flatMap((c) => entry(c, ctx.draft.name, true));
  const bases = ctx.bases.map((pkg) =>
    pkg.components.flatMap((c) => entry(c, pkg.name, false)).sort(byName),
  );
  return [...own.sort(byName), ...bases.flat(), builtInAdmin()];
}

export function findRole(ctx: DesignContext, name: string): RoleEntry | undefined {
  return roleCatalog(ctx).find((role) => role.name === name);
}

function entry(component: Component, pkg: string, own: boolean): RoleEntry[] {
  const { value, file } = component;
  if (value.kind !== "role" || typeof value.name !== "string") return [];
  return [
    {
      name: value.name,
      labels: labelsOf(value.labels),
      description: labelsOf(value.description),
      package: pkg,
      file,
      own,
      builtIn: false,
      administrator: value.administrator === true,
      designer: value.designer === true,
      grants: Array.isArray(value.grants) ? value.grants : [],
      value,
    },
  ];
}

function builtInAdmin(): RoleEntry {
  const { name, labels, description, administrator, designer, origin } = ADMIN_ROLE;
  return {
    name,
    labels,
    description: description ?? null,
    package: origin.package,
    file: origin.file,
    own: false,
    builtIn: true,
    administrator,
    designer: designer === true,
    grants: [],
    value: { kind: "role", name, labels, description, administrator, designer },
  };
}

function labelsOf(value: unknown): Labels | null {
  return isObject(value) ? (value as unknown as Labels) : null;
}
