import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import type { LoadedPackage, RoleDef } from "../metadata/types.ts";
import { ADMIN_ROLE_NAME } from "../permissions/admin-role.ts";
import { reservedReason } from "./reserved-words.ts";

export interface WorkingRole {
  readonly def: RoleDef;
  readonly loc: Loc;
}

/**
 * The role files of every package, by name. A role is a whole document: no package edits
 * another's role, so a name given twice is an error wherever the two files are.
 */
export function collectRoles(ordered: readonly LoadedPackage[]): {
  roles: Map<string, WorkingRole>;
  issues: Issue[];
} {
  const roles = new Map<string, WorkingRole>();
  const issues: Issue[] = [];
  for (const pkg of ordered) {
    for (const { file, def } of pkg.components) {
      if (def.kind !== "role") continue;
      const loc = { package: pkg.manifest.name, file, pointer: "" };
      const nameLoc = { ...loc, pointer: "/name" };
      const existing = roles.get(def.name);
      const reserved = reservedReason(def.name, "role");
      if (def.name === ADMIN_ROLE_NAME) {
        issues.push(
          issueAt(
            nameLoc,
            "built-in-role",
            `"${ADMIN_ROLE_NAME}" is the built-in administrator role; choose another role name`,
          ),
        );
      } else if (reserved) {
        issues.push(issueAt(nameLoc, "reserved-name", reserved));
      } else if (existing) {
        issues.push(
          issueAt(
            nameLoc,
            "duplicate-role",
            `role "${def.name}" is already defined in ${existing.loc.package}/${existing.loc.file}; a role cannot be changed by another package, define one under a new name`,
          ),
        );
      } else {
        roles.set(def.name, { def, loc });
      }
    }
  }
  return { roles, issues };
}
