import { useLanguage } from "@loom/app/i18n";
import { ENTITY_ACTIONS, type Issue } from "@loom/engine";
import { useId } from "react";
import { useWords } from "../i18n/words.ts";
import { ProblemsRow } from "../shell/problems-row.tsx";
import { ACTION_WORDS } from "./action-words.ts";
import { GrantDetails } from "./grant-details.tsx";
import type { GrantView, MatrixRow } from "./role-grants.ts";
import { grantProperties } from "./role-issues.ts";
import type { RoleEdits } from "./use-role-edits.ts";

/** One line of the matrix: grant `k` of an entity, or the entity's empty line when it has none. */
export interface SubRow {
  /** the entity and k: stays while grants come and go, so the focus stays in its cell */
  readonly key: string;
  readonly row: MatrixRow;
  readonly grant: GrantView | undefined;
  readonly k: number;
}

const COLUMNS = ENTITY_ACTIONS.length + 2;
/** what the details panel edits: a problem there opens it */
const DETAILS = new Set(["where", "hiddenFields", "readOnlyFields", "workflowActions"]);

export function GrantRow({
  sub,
  index,
  stop,
  issues,
  edits,
  readOnly,
  open,
  onToggle,
}: {
  sub: SubRow;
  /** its row in the grid */
  index: number;
  /** the column of the grid's Tab stop when it is in this row */
  stop: number | null;
  issues: readonly Issue[];
  edits: RoleEdits;
  readOnly: boolean;
  open: boolean;
  onToggle(): void;
}) {
  const { w } = useWords();
  const { label } = useLanguage();
  const id = useId();
  const { row, grant, k } = sub;
  const entityLabel = label(row.target?.labels, row.entity);
  const rowLabel = k === 0 ? entityLabel : `${entityLabel} (${w("grantN", { n: k + 1 })})`;
  const properties = grant ? grantProperties(issues, grant.index) : new Set<string | undefined>();
  const problemsId = `${id}-problems`;
  const detailsId = `${id}-details`;
  const invalid = (property: string) =>
    properties.has(property) ? { "aria-invalid": true, "aria-describedby": problemsId } : {};
  const expanded = grant !== undefined && (open || [...properties].some((p) => DETAILS.has(p!)));
  const cell = (col: number) => ({
    "data-cell": `${index}:${col}`,
    tabIndex: stop === col ? 0 : -1,
  });
  const classes = [
    "grant-row",
    k > 0 && "sub",
    grant && "granted",
    issues.length > 0 && "has-problems",
  ].filter(Boolean);
  return (
    <>
      <tr className={classes.join(" ")} data-entity={row.entity} data-grant={grant?.index}>
        <th scope="row">
          {k === 0 ? (
            <>
              {entityLabel} <code className="entity-code">{row.entity}</code>
            </>
          ) : (
            <span className="sub-grant">↳ {w("grantN", { n: k + 1 })}</span>
          )}
          {!row.target && <span className="loss-tag">{w("notDocument")}</span>}
        </th>
        {ENTITY_ACTIONS.map((action, col) => (
          <td key={action} className="flag">
            <input
              type="checkbox"
              {...cell(col)}
              aria-label={`${w(ACTION_WORDS[action])} — ${rowLabel}`}
              checked={grant?.actions.includes(action) ?? false}
              aria-disabled={readOnly || undefined}
              onChange={(event) => {
                if (readOnly) return;
                const at = grant ? { grant: grant.index } : { entity: row.entity };
                edits.setAction(at, action, event.target.checked);
              }}
              {...invalid("actions")}
            />
          </td>
        ))}
        <td className="more">
          {grant && (
            <>
              <button
                type="button"
                className="button small"
                {...cell(ENTITY_ACTIONS.length)}
                aria-expanded={expanded}
                aria-controls={detailsId}
                aria-label={w("detailsOf", { field: rowLabel })}
                onClick={onToggle}
              >
                {w("showDetails")}
              </button>
              <GrantTags grant={grant} />
            </>
          )}
        </td>
      </tr>
      {expanded && (
        <tr className="grant-details" id={detailsId}>
          <td colSpan={COLUMNS}>
            <GrantDetails
              grant={grant}
              target={row.target}
              entityLabel={entityLabel}
              edits={edits}
              readOnly={readOnly}
              invalid={invalid}
            />
          </td>
        </tr>
      )}
      {issues.length > 0 && (
        <ProblemsRow className="grant-problems" colSpan={COLUMNS} id={problemsId} issues={issues} />
      )}
    </>
  );
}

/** What a grant holds beyond its actions, in brief, so the matrix tells it without opening. */
function GrantTags({ grant }: { grant: GrantView }) {
  const { w } = useWords();
  const tags = [
    grant.where !== undefined && w("scopeTag"),
    grant.hiddenFields.length > 0 && w("hiddenTag", { count: grant.hiddenFields.length }),
    grant.readOnlyFields.length > 0 && w("readOnlyTag", { count: grant.readOnlyFields.length }),
    grant.workflowActions.length > 0 && w("flowTag", { count: grant.workflowActions.length }),
  ].filter((tag): tag is string => typeof tag === "string");
  return tags.map((tag) => (
    <span key={tag} className="package-tag grant-tag">
      {tag}
    </span>
  ));
}
