import { useLanguage } from "@loom/app/i18n";
import { navigate } from "@loom/app/router";
import { useWords } from "../i18n/words.ts";
import { NameLabelsForm } from "../shell/name-labels-form.tsx";
import { designerPaths } from "../shell/routes.ts";
import type { RoleEntry } from "./role-catalog.ts";
import { roleRefusalText } from "./role-refusal-text.ts";
import { useAddRole } from "./use-role-edits.ts";

/**
 * A new role of the draft's package, `roles/<name>.json`: empty, or a copy of `from` (its grants,
 * flags and description) under a new name and labels. It opens once made.
 */
export function RoleForm({ from, onDone }: { from?: RoleEntry; onDone(): void }) {
  const { w } = useWords();
  const { label } = useLanguage();
  const addRole = useAddRole();
  return (
    <NameLabelsForm
      title={from ? w("copyRoleTitle", { role: label(from.labels, from.name) }) : w("newRole")}
      heading={from !== undefined}
      className="new-entity role-form"
      nameLabel={w("roleName")}
      nameHelp={w("roleNameHelp")}
      initial={
        from && {
          name: `${from.name}_copy`,
          en: w("copyOf", { label: from.labels?.en ?? from.name }),
        }
      }
      create={(name, labels) => {
        const result = addRole(name, labels, from?.name);
        if (!result.ok) return roleRefusalText(w, result.refusal);
        navigate(designerPaths.roles(name));
        return null;
      }}
      onDone={onDone}
    />
  );
}
