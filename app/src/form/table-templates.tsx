import type { ArrayFieldItemTemplateProps, ArrayFieldTemplateProps } from "@rjsf/utils";
import type { RecordFormContext } from "./form-context.ts";

/**
 * A `table` field: its lines in one grid under a row of column labels (each line's inputs carry
 * their own labels for assistive technology: see LineRow), a button to add a line below.
 */
export function TableTemplate(props: ArrayFieldTemplateProps) {
  const { items, canAdd, onAddClick, readonly, disabled, registry, fieldPathId, title } = props;
  const context = registry.formContext as RecordFormContext;
  const table = String(fieldPathId.path[0]);
  const columns = context.tables[table] ?? [];
  const editable = !readonly && !disabled;
  const template = `2.5rem repeat(${columns.length}, minmax(7rem, 1fr))${editable ? " 2.75rem" : ""}`;
  return (
    <fieldset className="table-field" id={fieldPathId.$id}>
      <legend>{title}</legend>
      <div className="lines" style={{ gridTemplateColumns: template }}>
        <div className="line header" aria-hidden="true">
          <div>{context.t("lineNo")}</div>
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

/** One line: its number, its cells, and a remove button when the table may change. */
export function LineTemplate(props: ArrayFieldItemTemplateProps) {
  const { children, index, buttonsProps, registry, readonly, disabled } = props;
  const context = registry.formContext as RecordFormContext;
  return (
    <div className="line">
      <div className="line-no" aria-hidden="true">
        {index + 1}
      </div>
      {children}
      {!readonly && !disabled && buttonsProps.hasRemove && (
        <div>
          <button
            type="button"
            className="icon-button"
            aria-label={`${context.t("removeLine")} ${index + 1}`}
            title={context.t("removeLine")}
            onClick={buttonsProps.onRemoveItem}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
