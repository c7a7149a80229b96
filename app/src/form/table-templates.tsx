import type { ArrayFieldItemTemplateProps, ArrayFieldTemplateProps, RJSFSchema } from "@rjsf/utils";
import { createContext, type ReactNode, useEffect, useRef } from "react";
import type { RecordFormContext } from "./form-context.ts";
import { lineNumber, nestedTables, tableKey } from "./line-path.ts";
import "./lines.css";

/**
 * A line's move and remove buttons: made by its LineTemplate (which has rjsf's callbacks), placed
 * by its LineRow after the cells, so that the tables of the line can open below them.
 */
export const LineActions = createContext<ReactNode>(null);

/**
 * A `table` field: its lines in one grid under a row of column labels (each line's inputs carry
 * their own labels for assistive technology: see LineRow), a button to add a line below. The
 * tables of a line get a first column each, of buttons opening them under the line, where such
 * a table is named with its line ("Delivery Schedule of line 2").
 */
export function TableTemplate(props: ArrayFieldTemplateProps) {
  const { items, canAdd, onAddClick, readonly, disabled, registry, fieldPathId, title } = props;
  const context = registry.formContext as RecordFormContext;
  const table = tableKey(fieldPathId.path);
  const columns = context.tables[table] ?? [];
  const nested = nestedTables(context, table);
  const editable = !readonly && !disabled;
  const line = lineNumber(fieldPathId.path);
  const lineFields = (props.schema.items as RJSFSchema | undefined)?.properties ?? {};
  const template = [
    "2.5rem",
    ...nested.map(() => "min-content"),
    `repeat(${columns.length}, minmax(7rem, 1fr))`,
    ...(editable ? ["max-content"] : []),
  ].join(" ");
  return (
    <fieldset className="table-field" id={fieldPathId.$id}>
      <legend>{line === "" ? title : context.t("tableOfLine", { table: title, line })}</legend>
      <div className="lines" style={{ gridTemplateColumns: template }}>
        <div className="line header" aria-hidden="true">
          <div>{context.t("lineNo")}</div>
          {nested.map((name) => (
            <div key={name}>{(lineFields[name] as RJSFSchema | undefined)?.title ?? name}</div>
          ))}
          {columns.map((column) => (
            <div key={column.name}>{column.label}</div>
          ))}
          {editable && <div />}
        </div>
        {items}
      </div>
      {canAdd && editable && (
        <button type="button" className="button add-line" onClick={onAddClick}>
          + {context.t("addLine")}
        </button>
      )}
    </fieldset>
  );
}

/**
 * One line: its number and its row (LineRow), with buttons to move it up or down and to remove
 * it when the table may change. After a move the focus stays on the moved line's button (rjsf
 * blurs it), on the other one when the line reached an end.
 */
export function LineTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, index, buttonsProps, registry, readonly, disabled } = props;
  const context = registry.formContext as RecordFormContext;
  const line = lineNumber(buttonsProps.fieldPathId.path);
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const moved = useRef<"up" | "down" | null>(null);
  // after the render that moved the line: its buttons are where the line went
  useEffect(() => {
    const direction = moved.current;
    moved.current = null;
    if (direction === null) return;
    const [same, other] = direction === "up" ? [up, down] : [down, up];
    (same.current?.disabled ? other : same).current?.focus();
  });
  const actions = !readonly && !disabled && (
    <div className="line-actions">
      <button
        ref={up}
        type="button"
        className="icon-button move"
        aria-label={context.t("moveLineUp", { line })}
        title={context.t("moveLineUp", { line })}
        disabled={!buttonsProps.hasMoveUp}
        onClick={(event) => {
          moved.current = "up";
          buttonsProps.onMoveUpItem(event);
        }}
      >
        ↑
      </button>
      <button
        ref={down}
        type="button"
        className="icon-button move"
        aria-label={context.t("moveLineDown", { line })}
        title={context.t("moveLineDown", { line })}
        disabled={!buttonsProps.hasMoveDown}
        onClick={(event) => {
          moved.current = "down";
          buttonsProps.onMoveDownItem(event);
        }}
      >
        ↓
      </button>
      {buttonsProps.hasRemove && (
        <button
          type="button"
          className="icon-button"
          aria-label={`${context.t("removeLine")} ${line}`}
          title={context.t("removeLine")}
          onClick={buttonsProps.onRemoveItem}
        >
          ×
        </button>
      )}
    </div>
  );
  return (
    <div className="line">
      <div className="line-no" aria-hidden="true">
        {index + 1}
      </div>
      <LineActions.Provider value={actions}>{children}</LineActions.Provider>
    </div>
  );
}
