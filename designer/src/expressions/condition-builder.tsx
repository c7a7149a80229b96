import { useLanguage } from "@loom/app/i18n";
import { useRef } from "react";
import {
  type Condition,
  type ConditionOp,
  type Conditions,
  isComplete,
  operatorsFor,
  takesOperand,
} from "./conditions.ts";
import type { ExpressionScope } from "./expression-model.ts";
import { type ExpressionTranslate, useExpressionWords } from "./expression-words.ts";
import { type ChoiceGroup, choiceAt, type FieldChoice, fieldChoices } from "./field-choices.ts";
import { OperandInput } from "./operand-input.tsx";

const OP_WORDS = {
  "==": "opEquals",
  "!=": "opNotEquals",
  "<": "opLess",
  "<=": "opLessEq",
  ">": "opGreater",
  ">=": "opGreaterEq",
  in: "opIn",
  contains: "opContains",
  empty: "opEmpty",
  notEmpty: "opNotEmpty",
} as const satisfies Record<ConditionOp, Parameters<ExpressionTranslate>[0]>;

/**
 * Rows of field / operator / value, joined by AND or OR: the common conditions without json-logic.
 * Operators and value inputs follow the field's type. A row that is not complete yet stays here
 * and is left out of the expression until it is.
 */
export function ConditionBuilder({
  conditions,
  scope,
  readOnly,
  onChange,
}: {
  conditions: Conditions;
  scope: ExpressionScope;
  readOnly: boolean;
  onChange(conditions: Conditions): void;
}) {
  const { w } = useExpressionWords();
  const groups = fieldChoices(scope);
  const first = groups.flatMap((group) => group.choices)[0];
  const addButton = useRef<HTMLButtonElement>(null);
  const focusRow = useRef<number | null>(null);
  const { rows, join } = conditions;
  const setRows = (next: readonly Condition[]) => onChange({ join, rows: next });
  const update = (index: number, row: Condition) =>
    setRows(rows.map((current, i) => (i === index ? row : current)));
  return (
    <div className="condition-builder">
      {rows.length > 1 && (
        <select
          className="condition-join"
          aria-label={w("joinLabel")}
          value={join}
          disabled={readOnly}
          onChange={(event) => onChange({ join: event.target.value as "and" | "or", rows })}
        >
          <option value="and">{w("matchAll")}</option>
          <option value="or">{w("matchAny")}</option>
        </select>
      )}
      {rows.length === 0 && <p className="hint">{w("noConditions")}</p>}
      {rows.map((row, index) => {
        const choice = choiceAt(scope, row.field);
        if (!choice) return null;
        return (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are identified by their place
            key={index}
            n={index + 1}
            row={row}
            choice={choice}
            groups={groups}
            scope={scope}
            readOnly={readOnly}
            focus={focusRow.current === index}
            onFocused={() => {
              focusRow.current = null;
            }}
            onChange={(next) => update(index, next)}
            onRemove={() => {
              setRows(rows.filter((_, i) => i !== index));
              addButton.current?.focus();
            }}
          />
        );
      })}
      {!readOnly && first && (
        <button
          type="button"
          className="button small"
          ref={addButton}
          onClick={() => {
            focusRow.current = rows.length;
            setRows([...rows, freshRow(first)]);
          }}
        >
          {w("addCondition")}
        </button>
      )}
    </div>
  );
}

function freshRow({ path, field }: FieldChoice): Condition {
  const op = operatorsFor(field.type)[0]!;
  return { field: path, op, operand: { kind: "value", value: "" } };
}

function ConditionRow({
  n,
  row,
  choice,
  groups,
  scope,
  readOnly,
  focus,
  onFocused,
  onChange,
  onRemove,
}: {
  n: number;
  row: Condition;
  choice: FieldChoice;
  groups: readonly ChoiceGroup[];
  scope: ExpressionScope;
  readOnly: boolean;
  focus: boolean;
  onFocused(): void;
  onChange(row: Condition): void;
  onRemove(): void;
}) {
  const { w } = useExpressionWords();
  const { label } = useLanguage();
  const listed = groups.some((group) => group.choices.some((c) => c.path === row.field));
  const ops = operatorsFor(choice.field.type);
  const changeField = (path: string) => {
    const next = choiceAt(scope, path);
    if (!next) return;
    // the operator and value carry over while they still fit the new field's type
    const keep = next.field.type === choice.field.type;
    onChange(keep ? { ...row, field: path } : freshRow(next));
  };
  const changeOp = (op: ConditionOp) => {
    const listChange = (op === "in") !== (row.op === "in");
    onChange({
      field: row.field,
      op,
      ...(takesOperand(op) && {
        operand:
          row.operand && !listChange
            ? row.operand
            : { kind: "value", value: op === "in" ? [] : "" },
      }),
    });
  };
  return (
    <fieldset className={`condition-row${isComplete(row) ? "" : " incomplete"}`}>
      <legend className="visually-hidden">{w("conditionN", { n })}</legend>
      <select
        aria-label={w("field")}
        className="condition-field"
        value={row.field}
        disabled={readOnly}
        ref={(select) => {
          if (select && focus) {
            onFocused();
            select.focus();
          }
        }}
        onChange={(event) => changeField(event.target.value)}
      >
        {!listed && <option value={row.field}>{row.field}</option>}
        {groups.map((group) => {
          const options = group.choices.map((c) => (
            <option key={c.path} value={c.path}>
              {label(c.field.labels, c.field.name)}
              {c.field.labels ? ` (${c.path})` : ""}
            </option>
          ));
          if (!group.via && !group.system) return options;
          const heading = group.via
            ? w("linkedFields", { field: label(group.via.labels, group.via.name) })
            : w("systemFields");
          return (
            <optgroup key={group.via?.name ?? "system"} label={heading}>
              {options}
            </optgroup>
          );
        })}
      </select>
      <select
        aria-label={w("operator")}
        className="condition-op"
        value={row.op}
        disabled={readOnly}
        onChange={(event) => changeOp(event.target.value as ConditionOp)}
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {w(OP_WORDS[op])}
          </option>
        ))}
      </select>
      {takesOperand(row.op) && (
        <OperandInput
          field={choice.field}
          op={row.op}
          operand={row.operand}
          variables={scope.variables}
          readOnly={readOnly}
          onChange={(operand) => onChange({ ...row, operand })}
        />
      )}
      {!readOnly && (
        <button
          type="button"
          className="icon-button"
          aria-label={w("removeCondition", { n })}
          title={w("removeCondition", { n })}
          onClick={onRemove}
        >
          ×
        </button>
      )}
    </fieldset>
  );
}
