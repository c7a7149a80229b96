import { PageTitle } from "@loom/app/layout/page-title";
import { useMemo } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { useWords } from "../i18n/words.ts";
import { roleCatalog } from "./role-catalog.ts";
import { RoleEditor } from "./role-editor.tsx";
import { RoleList } from "./role-list.tsx";
import "./roles.css";

/**
 * The roles of the draft (edited) and of the packages it builds on (shown read only, copied into
 * the draft as new roles); the chosen one's grants as a matrix of entities and actions.
 */
export default function RolesPage({ role }: { role: string | null }) {
  const { ctx } = useDraft();
  const { w } = useWords();
  const catalog = useMemo(() => roleCatalog(ctx), [ctx]);
  const chosen = role === null ? undefined : catalog.find((entry) => entry.name === role);
  return (
    <div className="entities-page roles-page">
      <RoleList catalog={catalog} current={role} />
      <section className="page role-page" aria-labelledby="page-title">
        {chosen ? (
          <RoleEditor key={chosen.name} role={chosen} />
        ) : (
          <>
            <header className="page-header">
              <PageTitle>{w("rolesTitle")}</PageTitle>
            </header>
            <p className="note">{role === null ? w("pickRole") : w("noSuchRole", { role })}</p>
          </>
        )}
      </section>
    </div>
  );
}
