import { useLanguage } from "@loom/app/i18n";
import { ExpressionInput } from "../entities/expression-input.tsx";
import { useWords } from "../i18n/words.ts";
import { PathPicker } from "./path-picker.tsx";
import type { GrantView } from "./role-grants.ts";
import type { GrantTarget } from "./role-targets.ts";
import type { RoleEdits } from "./use-role-edits.ts";

/**
 * What a grant holds beside its actions: the records it reaches (a json-logic row scope), the
 * fields it hides or keeps read-only (line fields too), the workflow actions it allows.
 */
export function GrantDetails({
  grant,
  target,
  entityLabel,
  edits,
  readOnly,
  invalid,
}: {
  grant: GrantView;
  target: GrantTarget | undefined;
  entityLabel: string;
  edits: RoleEdits;
  readOnly: boolean;
  invalid(property: string): object;
}) {
  const { w } = useWords();
  const { label } = useLanguage();
  const offered = target?.workflowActions ?? [];
  const extra = grant.workflowActions.filter((name) => !offered.some((a) => a.name === name));
  const actions = [
    ...offered.map((action) => ({ ...action, known: true })),
    ...extra.map((name) => ({ name, labels: null, known: false })),
  ];
  return (
    <fieldset className="details grant-panel" aria-label={w("detailsOf", { field: entityLabel })}>
      <div className="grant-panel-grid">
        <div className="grant-scope">
          <ExpressionInput
            label={w("rowScope")}
            value={grant.where}
            onChange={(where) => edits.setWhere(grant.index, where)}
            invalid={invalid("where")}
            disabled={readOnly}
            entity={target?.name}
          />
          <p className="hint">{w("rowScopeHelp")}</p>
        </div>
        <fieldset className="flow-actions" {...invalid("workflowActions")}>
          <legend>{w("workflowActions")}</legend>
          {actions.length === 0 && (
            <p className="hint">{w("noWorkflowActions", { entity: entityLabel })}</p>
          )}
          {actions.map((action) => (
            <label key={action.name} className="role-flag">
              <input
                type="checkbox"
                checked={grant.workflowActions.includes(action.name)}
                disabled={readOnly}
                onChange={(event) =>
                  edits.setListItem(
                    grant.index,
                    "workflowActions",
                    action.name,
                    event.target.checked,
                  )
                }
              />{" "}
              {label(action.labels, action.name)} <code className="entity-code">{action.name}</code>
              {!action.known && <span className="customized">{w("notInWorkflow")}</span>}
            </label>
          ))}
        </fieldset>
        {(["hiddenFields", "readOnlyFields"] as const).map((list) => (
          <PathPicker
            key={list}
            label={w(list)}
            selected={grant[list]}
            paths={target?.paths ?? []}
            readOnly={readOnly}
            invalid={invalid(list)}
            onChange={(path, on) => edits.setListItem(grant.index, list, path, on)}
          />
        ))}
      </div>
      {!readOnly && (
        <div className="buttons grant-buttons">
          <button
            type="button"
            className="button small"
            onClick={() => edits.addGrant(grant.entity)}
          >
            {w("anotherGrant", { entity: entityLabel })}
          </button>
          <button
            type="button"
            className="button small"
            onClick={() => edits.removeGrant(grant.index)}
          >
            {w("removeGrant")}
          </button>
        </div>
      )}
    </fieldset>
  );
}
