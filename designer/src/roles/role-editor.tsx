import { useLanguage } from "@loom/app/i18n";
import { PageTitle } from "@loom/app/layout/page-title";
import { navigate } from "@loom/app/router";
import { useMemo, useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import type { RoleEntry } from "./role-catalog.ts";
import { RoleForm } from "./role-form.tsx";
import { roleIssues } from "./role-issues.ts";
import { RoleMatrix } from "./role-matrix.tsx";
import { RoleProperties } from "./role-properties.tsx";
import { roleRefusalText } from "./role-refusal-text.ts";
import { grantTargets } from "./role-targets.ts";
import { useRoleEdits } from "./use-role-edits.ts";

/**
 * One role: where it is defined, its labels and flags, and its grants. A role of the draft's
 * package is edited in its file; any other is shown read only, with a copy into the draft.
 */
export function RoleEditor({ role }: { role: RoleEntry }) {
  const { ctx, issues } = useDraft();
  const { w } = useWords();
  const { label } = useLanguage();
  const edits = useRoleEdits(role.name);
  const [copying, setCopying] = useState(false);
  const targets = useMemo(() => grantTargets(ctx), [ctx]);
  const found = useMemo(
    () => roleIssues(issues, role.package, role.file),
    [issues, role.package, role.file],
  );
  const readOnly = !role.own;
  const remove = () => {
    if (!window.confirm(w("removeRoleConfirm", { role: role.name }))) return;
    if (edits.remove()) navigate(designerPaths.roles());
  };
  return (
    <>
      <header className="page-header">
        <div>
          <PageTitle>
            {label(role.labels, role.name)} <code className="entity-code">{role.name}</code>
          </PageTitle>
          <p className="note">
            {role.builtIn ? (
              w("builtIn")
            ) : (
              <>
                {w("definedIn", { package: role.package })} · <code>{role.file}</code>
              </>
            )}
          </p>
        </div>
        <div className="toolbar">
          {!role.builtIn && (
            <button
              type="button"
              className="button"
              aria-expanded={copying}
              onClick={() => setCopying(!copying)}
            >
              {w("copyRole")}
            </button>
          )}
          {role.own && (
            <button type="button" className="button" onClick={remove}>
              {w("removeRole")}
            </button>
          )}
        </div>
      </header>
      {readOnly && (
        <p className="base-note" id="role-read-only">
          {role.builtIn
            ? w("adminBuiltIn")
            : w("roleReadOnly", {
                role: label(role.labels, role.name),
                package: role.package,
                draft: ctx.draft.name,
              })}
        </p>
      )}
      {copying && (
        <div className="copy-role">
          <RoleForm from={role} onDone={() => setCopying(false)} />
        </div>
      )}
      {edits.refusal && (
        <p role="alert" className="error-box">
          {roleRefusalText(w, edits.refusal)}
        </p>
      )}
      {found.role.length > 0 && (
        <ul className="error-box entity-problems" data-testid="role-problems">
          {found.role.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path && <code>{issue.path}</code>} {issue.message}
            </li>
          ))}
        </ul>
      )}
      <RoleProperties role={role} edits={edits} issues={found.role} />
      {role.administrator ? (
        <section className="admin-grants" aria-labelledby="matrix-title">
          <h2 id="matrix-title">{w("matrixTitle")}</h2>
          <p className="note">{w("adminNoGrants")}</p>
          {role.own && role.grants.length > 0 && (
            <button type="button" className="button" onClick={() => edits.removeGrants()}>
              {w("removeGrants", { count: role.grants.length })}
            </button>
          )}
        </section>
      ) : (
        <RoleMatrix
          role={role}
          targets={targets}
          issues={found.grants}
          edits={edits}
          readOnly={readOnly}
        />
      )}
    </>
  );
}
