import type { EntityAction, JsonLogic, Labels } from "@loom/engine";
import { useDraft } from "../draft/draft-context.tsx";
import { useDraftEdits } from "../draft/use-draft-edits.ts";
import {
  addGrant,
  addRole,
  type GrantAt,
  type RoleEditResult,
  type RoleProperty,
  type RoleRefusal,
  removeGrant,
  removeGrants,
  removeRole,
  setAction,
  setListItem,
  setRoleProperty,
  setWhere,
} from "./role-edits.ts";
import type { GrantList } from "./role-grants.ts";

/** The steps of one role's page, each applied to the draft at once, or refused with the reason kept. */
export function useRoleEdits(role: string) {
  const { ctx, refusal, apply } = useDraftEdits<RoleRefusal>();
  return {
    refusal,
    setProperty: (property: RoleProperty, value: Labels | boolean | undefined) =>
      apply(setRoleProperty(ctx, role, property, value)),
    setAction: (at: GrantAt, action: EntityAction, on: boolean) =>
      apply(setAction(ctx, role, at, action, on)),
    addGrant: (entity: string) => apply(addGrant(ctx, role, entity)),
    removeGrant: (grant: number) => apply(removeGrant(ctx, role, grant)),
    removeGrants: () => apply(removeGrants(ctx, role)),
    setWhere: (grant: number, where: JsonLogic | undefined) =>
      apply(setWhere(ctx, role, grant, where)),
    setListItem: (grant: number, list: GrantList, item: string, on: boolean) =>
      apply(setListItem(ctx, role, grant, list, item, on)),
    remove: () => apply(removeRole(ctx, role)),
  };
}

export type RoleEdits = ReturnType<typeof useRoleEdits>;

/** Adding a role to the draft's package, empty or as a copy of another. */
export function useAddRole() {
  const { ctx, session } = useDraft();
  return (name: string, labels: Labels, from?: string): RoleEditResult => {
    const result = addRole(ctx, name, labels, from);
    if (result.ok) session.edit(result.changes);
    return result;
  };
}
