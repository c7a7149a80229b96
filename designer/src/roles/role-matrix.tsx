import { ENTITY_ACTIONS, type Issue } from "@loom/engine";
import { type FocusEvent, type KeyboardEvent, useMemo, useRef, useState } from "react";
import { useWords } from "../i18n/words.ts";
import { ACTION_WORDS } from "./action-words.ts";
import { GrantRow, type SubRow } from "./grant-row.tsx";
import { type Cell, nextCell } from "./grid-keys.ts";
import type { RoleEntry } from "./role-catalog.ts";
import { matrixRows } from "./role-grants.ts";
import type { GrantTarget } from "./role-targets.ts";
import type { RoleEdits } from "./use-role-edits.ts";

/** the action columns, then the details button */
const COLUMNS = ENTITY_ACTIONS.length + 1;

/**
 * The role's grants as a grid: a row per document entity (a sub-row per grant when it has several),
 * a checkbox per action. One cell is a Tab stop; the arrow keys, Home and End move between cells
 * and Space checks (the WAI-ARIA grid pattern). Each grant's details open under its row, and the
 * engine's problems of a grant show there too.
 */
export function RoleMatrix({
  role,
  targets,
  issues,
  edits,
  readOnly,
}: {
  role: RoleEntry;
  targets: readonly GrantTarget[];
  issues: ReadonlyMap<number, readonly Issue[]>;
  edits: RoleEdits;
  readOnly: boolean;
}) {
  const { w } = useWords();
  const table = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState<Cell>({ row: 0, col: 0 });
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const subRows = useMemo(
    () =>
      matrixRows(targets, role.grants).flatMap((row): SubRow[] =>
        row.grants.length === 0
          ? [{ key: `${row.entity}:0`, row, grant: undefined, k: 0 }]
          : row.grants.map((grant, k) => ({ key: `${row.entity}:${k}`, row, grant, k })),
      ),
    [targets, role.grants],
  );
  // the Tab stop stays where the focus was, unless that cell went away with an edit
  const stop =
    active.row < subRows.length && (active.col < COLUMNS - 1 || subRows[active.row]!.grant)
      ? active
      : { row: 0, col: 0 };
  const cellAt = (cell: Cell) =>
    table.current?.querySelector<HTMLElement>(`[data-cell="${cell.row}:${cell.col}"]`) ?? null;
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const at = cellOf(event.target);
    if (!at) return;
    const size = { rows: subRows.length, cols: COLUMNS };
    const next = nextCell(event.key, event.ctrlKey, at, size, (cell) => cellAt(cell) !== null);
    if (!next) return;
    event.preventDefault();
    cellAt(next)?.focus();
  };
  const onFocus = (event: FocusEvent<HTMLTableElement>) => {
    const at = cellOf(event.target);
    if (at) setActive(at);
  };
  const toggle = (key: string) => {
    const next = new Set(open);
    if (!next.delete(key)) next.add(key);
    setOpen(next);
  };
  return (
    <section className="role-matrix-section" aria-labelledby="matrix-title">
      <h2 id="matrix-title">{w("matrixTitle")}</h2>
      <p className="hint" id="matrix-help">
        {w("matrixHelp")}
      </p>
      <div className="table-wrap">
        <table
          ref={table}
          // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: a table that is also an interactive grid (the WAI-ARIA grid pattern)
          role="grid"
          className="list role-matrix"
          aria-labelledby="matrix-title"
          aria-describedby="matrix-help"
          aria-readonly={readOnly || undefined}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
        >
          <thead>
            <tr>
              <th scope="col">{w("colEntity")}</th>
              {ENTITY_ACTIONS.map((action) => (
                <th key={action} scope="col" className="action-col">
                  {w(ACTION_WORDS[action])}
                </th>
              ))}
              <th scope="col">{w("colGrant")}</th>
            </tr>
          </thead>
          <tbody>
            {subRows.map((sub, r) => (
              <GrantRow
                key={sub.key}
                sub={sub}
                index={r}
                stop={stop.row === r ? stop.col : null}
                issues={(sub.grant && issues.get(sub.grant.index)) ?? []}
                edits={edits}
                readOnly={readOnly}
                open={open.has(sub.key)}
                onToggle={() => toggle(sub.key)}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The grid cell a control stands in (`data-cell="row:col"`). */
function cellOf(target: EventTarget): Cell | undefined {
  const at = target instanceof HTMLElement ? target.dataset.cell : undefined;
  if (!at) return undefined;
  const [row, col] = at.split(":").map(Number);
  return { row: row!, col: col! };
}
