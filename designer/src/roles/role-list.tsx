import { useLanguage } from "@loom/app/i18n";
import { Link } from "@loom/app/router";
import { useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import type { RoleEntry } from "./role-catalog.ts";
import { RoleForm } from "./role-form.tsx";

/** The roles grouped by the package that defines them: the draft's own first, the built-in last. */
export function RoleList({
  catalog,
  current,
}: {
  catalog: readonly RoleEntry[];
  current: string | null;
}) {
  const { ctx } = useDraft();
  const { w } = useWords();
  const { label } = useLanguage();
  const [adding, setAdding] = useState(false);
  const groups = [
    { key: ctx.draft.name, title: w("ownRoles", { package: ctx.draft.name }) },
    ...ctx.bases.map((base) => ({
      key: base.name,
      title: w("baseRoles", { package: base.name }),
    })),
  ].map((group) => ({
    ...group,
    roles: catalog.filter((role) => role.package === group.key && !role.builtIn),
  }));
  groups.push({ key: "", title: w("builtIn"), roles: catalog.filter((role) => role.builtIn) });
  return (
    <nav className="entity-list role-list" aria-label={w("rolesTitle")}>
      {adding ? (
        <RoleForm onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="button small" onClick={() => setAdding(true)}>
          + {w("newRole")}
        </button>
      )}
      {groups.map((group) => (
        <div key={group.key} className="entity-group">
          <h2 className="nav-heading">{group.title}</h2>
          <ul>
            {group.roles.map((role) => (
              <li key={role.name}>
                <Link
                  className="nav-link"
                  to={designerPaths.roles(role.name)}
                  aria-current={role.name === current ? "page" : undefined}
                >
                  <span>{label(role.labels, role.name)}</span>
                  <code className="entity-code">{role.name}</code>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
