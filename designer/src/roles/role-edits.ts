import type { EntityAction, JsonLogic, Labels } from "@loom/engine";
import { type DesignContext, isObject } from "../draft/design-context.ts";
import type { EditResult } from "../draft/edit-result.ts";
import { FileWriter } from "../draft/file-writer.ts";
import { findRole, type RoleEntry, roleCatalog } from "./role-catalog.ts";
import { actionSlot, type GrantList } from "./role-grants.ts";

/**
 * The role editor's steps as file changes. A role is a whole document (schemas/role.schema.json):
 * a customization package adds roles of its own but never edits a base package's, so only the
 * draft's own role files change here; a base role is copied into the draft as a new role.
 */

export type RoleRefusalCode = "unknown-role" | "base-role" | "role-exists" | "bad-name";

/** Why a step cannot be made; the UI explains it by `code`. */
export interface RoleRefusal {
  readonly code: RoleRefusalCode;
  readonly message: string;
  /** the role refused, or taken (role-exists) */
  readonly role: string;
  /** base-role: the package that defines it */
  readonly package?: string;
}

export type RoleEditResult = EditResult<RoleRefusal>;

/** The role-level properties the editor sets; undefined removes one. */
export type RoleProperty = "labels" | "description" | "designer" | "administrator";

/** A grant by its index in the role's `grants`, or the entity of a row that has none yet. */
export type GrantAt = { readonly grant: number } | { readonly entity: string };

const NAME = /^[a-z][a-z0-9_]{0,49}$/;

const refuse = (
  code: RoleRefusalCode,
  message: string,
  role: string,
  pkg?: string,
): RoleEditResult => ({
  ok: false,
  refusal: { code, message, role, ...(pkg !== undefined && { package: pkg }) },
});

/**
 * A new role file `roles/<name>.json` in the draft: a copy of role `from` (its grants, flags and
 * description) under the new name and labels, or an empty role without `from`.
 */
export function addRole(
  ctx: DesignContext,
  name: string,
  labels: Labels,
  from?: string,
): RoleEditResult {
  if (!NAME.test(name))
    return refuse("bad-name", `"${name}" is not a role name: a-z, 0-9 and _`, name);
  const file = `roles/${name}.json`;
  if (roleCatalog(ctx).some((role) => role.name === name) || file in ctx.draft.files)
    return refuse("role-exists", `there is a role ${name} already`, name);
  const source = from === undefined ? undefined : findRole(ctx, from);
  if (from !== undefined && (!source || source.builtIn))
    return refuse("unknown-role", `there is no role ${from} to copy`, from);
  const writer = new FileWriter(ctx.draft.files);
  const { kind: _kind, name: _name, labels: _labels, ...rest } = source?.value ?? { grants: [] };
  writer.create(file, { kind: "role", name, labels, ...rest });
  return { ok: true, changes: writer.changes() };
}

/** Removes a role of the draft's package. */
export function removeRole(ctx: DesignContext, role: string): RoleEditResult {
  return edit(ctx, role, (writer, found) => writer.remove(found.file));
}

export function setRoleProperty(
  ctx: DesignContext,
  role: string,
  property: RoleProperty,
  value: Labels | boolean | undefined,
): RoleEditResult {
  return edit(ctx, role, (writer, found) => writer.set(found.file, [property], value));
}

/**
 * Gives or takes one action. On an entity without a grant, giving one adds a grant of it. Taking
 * a grant's last action removes the grant when it holds nothing else; a grant with a row scope or
 * field lists stays (without actions, which the engine reports) so they are not lost by a click.
 */
export function setAction(
  ctx: DesignContext,
  role: string,
  at: GrantAt,
  action: EntityAction,
  on: boolean,
): RoleEditResult {
  return edit(ctx, role, (writer, found) => {
    if ("entity" in at) {
      if (on) appendGrant(writer, found, { entity: at.entity, actions: [action] });
      return;
    }
    const path = ["grants", at.grant, "actions"];
    const grant = grantValue(found, at.grant);
    const written = Array.isArray(grant.actions) ? (grant.actions as unknown[]) : undefined;
    const index = written?.indexOf(action) ?? -1;
    if (on && !written) writer.set(found.file, path, [action]);
    else if (on && index === -1)
      writer.insert(found.file, path, actionSlot(written!, action), action);
    else if (!on && index !== -1) {
      const bare = Object.keys(grant).every((key) => key === "entity" || key === "actions");
      if (written!.length === 1 && bare) writer.set(found.file, ["grants", at.grant], undefined);
      else writer.set(found.file, [...path, index], undefined);
    }
  });
}

/** Another grant of `entity` (read every row, say, beside updating one's own): it starts with read. */
export function addGrant(ctx: DesignContext, role: string, entity: string): RoleEditResult {
  return edit(ctx, role, (writer, found) =>
    appendGrant(writer, found, { entity, actions: ["read"] }),
  );
}

export function removeGrant(ctx: DesignContext, role: string, grant: number): RoleEditResult {
  return edit(ctx, role, (writer, found) => writer.set(found.file, ["grants", grant], undefined));
}

/** Removes every grant: an administrator role may already do everything. */
export function removeGrants(ctx: DesignContext, role: string): RoleEditResult {
  return edit(ctx, role, (writer, found) => writer.set(found.file, ["grants"], undefined));
}

/** The grant's row scope (json-logic over the record and `$user`); undefined: every row. */
export function setWhere(
  ctx: DesignContext,
  role: string,
  grant: number,
  where: JsonLogic | undefined,
): RoleEditResult {
  return edit(ctx, role, (writer, found) =>
    writer.set(found.file, ["grants", grant, "where"], where),
  );
}

/**
 * Adds an item to one of the grant's lists (a hidden or read-only field path, a workflow action)
 * at its end, or removes it; a list left empty goes.
 */
export function setListItem(
  ctx: DesignContext,
  role: string,
  grant: number,
  list: GrantList,
  item: string,
  on: boolean,
): RoleEditResult {
  return edit(ctx, role, (writer, found) => {
    const path = ["grants", grant, list];
    const written = grantValue(found, grant)[list];
    const items = Array.isArray(written) ? (written as unknown[]) : undefined;
    const index = items?.indexOf(item) ?? -1;
    if (on && !items) writer.set(found.file, path, [item]);
    else if (on && index === -1) writer.insert(found.file, path, -1, item);
    else if (!on && index !== -1)
      writer.set(found.file, items!.length === 1 ? path : [...path, index], undefined);
  });
}

/** Applies `step` to the file of a role of the draft's package; other roles are refused. */
function edit(
  ctx: DesignContext,
  role: string,
  step: (writer: FileWriter, found: RoleEntry) => void,
): RoleEditResult {
  const found = findRole(ctx, role);
  if (!found) return refuse("unknown-role", `there is no role ${role}`, role);
  if (!found.own)
    return refuse(
      "base-role",
      `${role} is defined by ${found.package}: a customization cannot change it; copy it as a new role`,
      role,
      found.package,
    );
  const writer = new FileWriter(ctx.draft.files);
  step(writer, found);
  return { ok: true, changes: writer.changes() };
}

function appendGrant(writer: FileWriter, role: RoleEntry, grant: object): void {
  if (Array.isArray(role.value.grants)) writer.insert(role.file, ["grants"], -1, grant);
  else writer.set(role.file, ["grants"], [grant]);
}

function grantValue(role: RoleEntry, index: number): Record<string, unknown> {
  const value = role.grants[index];
  return isObject(value) ? value : {};
}
