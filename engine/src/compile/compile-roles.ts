import { ADMIN_ROLE } from "../permissions/admin-role.ts";
import type { Role } from "../permissions/types.ts";
import type { WorkingRole } from "./collect-roles.ts";

/** Checked role files plus the built-in `admin` → `AppModel.roles`, alphabetical. */
export function compileRoles(roles: ReadonlyMap<string, WorkingRole>): Record<string, Role> {
  const all = new Map<string, Role>([[ADMIN_ROLE.name, ADMIN_ROLE]]);
  for (const [name, role] of roles) all.set(name, compileRole(role));
  const compiled: Record<string, Role> = {};
  for (const name of [...all.keys()].sort()) compiled[name] = all.get(name)!;
  return compiled;
}

function compileRole({ def, loc }: WorkingRole): Role {
  return {
    name: def.name,
    labels: def.labels,
    ...(def.description && { description: def.description }),
    administrator: def.administrator === true,
    designer: def.designer === true,
    grants: (def.grants ?? []).map((grant) => ({
      entity: grant.entity,
      actions: [...grant.actions],
      ...(grant.where !== undefined && { where: grant.where }),
      hiddenFields: [...(grant.hiddenFields ?? [])],
      readOnlyFields: [...(grant.readOnlyFields ?? [])],
      workflowActions: [...(grant.workflowActions ?? [])],
    })),
    origin: { package: loc.package, file: loc.file },
  };
}
