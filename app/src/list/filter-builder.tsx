import type { Entity, Field } from "@loom/engine";
import { useRef, useState } from "react";
import type { UiString } from "../i18n/dictionary.ts";
import { useLanguage } from "../i18n/language.tsx";
import { fieldOf } from "../meta/lookups.ts";
import {
  type FilterCondition,
  type FilterOperator,
  isNumeric,
  operatorsFor,
  takesValue,
} from "./filter-conditions.ts";

/** A row being edited: the value as typed, turned into the field's JSON type on Apply. */
interface DraftRow {
  readonly key: number;
  readonly field: string;
  readonly operator: FilterOperator;
  readonly value: string;
}

/** How an operator reads: a word of the app's language, or a symbol every language shares. */
const OPERATOR_LABELS: Readonly<Record<FilterOperator, { word: UiString } | { symbol: string }>> = {
  contains: { word: "opContains" },
  equals: { word: "opEquals" },
  empty: { word: "opEmpty" },
  notEmpty: { word: "opNotEmpty" },
  is: { word: "opIs" },
  isNot: { word: "opIsNot" },
  yes: { word: "opYes" },
  no: { word: "opNo" },
  eq: { symbol: "=" },
  ne: { symbol: "≠" },
  lt: { symbol: "<" },
  le: { symbol: "≤" },
  gt: { symbol: ">" },
  ge: { symbol: "≥" },
};

/**
 * Rows of (field, operator, value) over the view's columns. Edits stay a draft until Apply (or
 * Enter in a value); removing a row applies at once, so the list never shows a condition that is
 * no longer there. The focus follows the keyboard: to a new row's field, and back to "Add
 * condition" when a row goes.
 */
export function FilterBuilder({
  entity,
  columns,
  onApply,
}: {
  entity: Entity;
  columns: readonly string[];
  onApply: (conditions: readonly FilterCondition[]) => void;
}) {
  const { t, label } = useLanguage();
  const fields = columns
    .map((name) => fieldOf(entity, name))
    .filter((field): field is Field => field !== undefined && operatorsFor(field).length > 0);
  const [rows, setRows] = useState<readonly DraftRow[]>([]);
  const nextKey = useRef(0);
  // the row whose field select takes the focus when it mounts: the one just added
  const focusRow = useRef<number | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const first = fields[0];
  if (!first) return null;

  const byName = (name: string) => fields.find((f) => f.name === name) ?? first;
  const newRow = (field: Field): DraftRow => ({
    key: nextKey.current++,
    field: field.name,
    operator: operatorsFor(field)[0]!,
    value: "",
  });
  const update = (key: number, change: Partial<DraftRow>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const apply = (current: readonly DraftRow[]) =>
    onApply(current.map((row) => condition(byName(row.field), row)));
  const wordOf = (operator: FilterOperator) => {
    const shown = OPERATOR_LABELS[operator];
    return "word" in shown ? t(shown.word) : shown.symbol;
  };

  return (
    <form
      className="filter-builder"
      onSubmit={(event) => {
        event.preventDefault();
        apply(rows);
      }}
    >
      {rows.map((row) => {
        const field = byName(row.field);
        return (
          <div className="filter-row" key={row.key}>
            <select
              aria-label={t("field")}
              ref={(select) => {
                if (select && focusRow.current === row.key) {
                  focusRow.current = null;
                  select.focus();
                }
              }}
              value={row.field}
              onChange={(event) => {
                const next = byName(event.target.value);
                update(row.key, {
                  field: next.name,
                  operator: operatorsFor(next)[0]!,
                  value: "",
                });
              }}
            >
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {label(f.labels, f.name)}
                </option>
              ))}
            </select>
            <select
              aria-label={t("operator")}
              value={row.operator}
              onChange={(event) =>
                update(row.key, { operator: event.target.value as FilterOperator })
              }
            >
              {operatorsFor(field).map((operator) => (
                <option key={operator} value={operator}>
                  {wordOf(operator)}
                </option>
              ))}
            </select>
            {takesValue(row.operator) ? (
              <ValueInput
                field={field}
                value={row.value}
                onChange={(value) => update(row.key, { value })}
              />
            ) : (
              // holds the value's place so the row keeps its width
              <span className="filter-value" />
            )}
            <button
              type="button"
              className="button"
              aria-label={t("removeCondition")}
              title={t("removeCondition")}
              onClick={() => {
                const rest = rows.filter((r) => r.key !== row.key);
                setRows(rest);
                apply(rest);
                addButton.current?.focus();
              }}
            >
              ×
            </button>
          </div>
        );
      })}
      <div className="filter-actions">
        <button
          type="button"
          className="button"
          ref={addButton}
          onClick={() => {
            const row = newRow(first);
            focusRow.current = row.key;
            setRows([...rows, row]);
          }}
        >
          {t("addCondition")}
        </button>
        {rows.length > 0 && (
          <button type="submit" className="button primary">
            {t("applyFilter")}
          </button>
        )}
      </div>
    </form>
  );
}

function ValueInput({
  field,
  value,
  onChange,
}: {
  field: Field;
  value: string;
  onChange: (value: string) => void;
}) {
  const { t, label } = useLanguage();
  if (field.type === "select")
    return (
      <select
        className="filter-value"
        aria-label={t("value")}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="" />
        {(field.options ?? []).map((option) => (
          <option key={option.value} value={option.value}>
            {label(option.labels, option.value)}
          </option>
        ))}
      </select>
    );
  const type = isNumeric(field)
    ? "number"
    : field.type === "date"
      ? "date"
      : field.type === "datetime"
        ? "datetime-local"
        : "text";
  return (
    <input
      className="input filter-value"
      aria-label={t("value")}
      type={type}
      step={type === "number" ? "any" : undefined}
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** A draft row as a condition: numbers as numbers, a local date-time as its instant. */
function condition(field: Field, row: DraftRow): FilterCondition {
  const typed = row.value.trim();
  if (!takesValue(row.operator) || typed === "")
    return { field: field.name, operator: row.operator };
  if (isNumeric(field)) {
    const number = Number(typed);
    return Number.isFinite(number)
      ? { field: field.name, operator: row.operator, value: number }
      : { field: field.name, operator: row.operator };
  }
  if (field.type === "datetime") {
    const instant = new Date(typed);
    return Number.isNaN(instant.getTime())
      ? { field: field.name, operator: row.operator }
      : { field: field.name, operator: row.operator, value: instant.toISOString() };
  }
  return { field: field.name, operator: row.operator, value: typed };
}
