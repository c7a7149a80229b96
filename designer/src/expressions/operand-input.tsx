import { useLanguage } from "@loom/app/i18n";
import type { FieldType } from "@loom/engine";
import { useEffect, useId, useState } from "react";
import type { ModelField } from "../workflow/workflow-model.ts";
import type { ConditionOp, Operand, Scalar } from "./conditions.ts";
import { USER_ATTRIBUTES } from "./expression-model.ts";
import { useExpressionWords } from "./expression-words.ts";

const NUMBERS: readonly FieldType[] = ["integer", "decimal", "money", "percent"];

/**
 * What a condition compares its field with: a value of the field's type (an option, yes / no, a
 * number, a date, text; several for "is one of"), or an attribute of `$user` or of the scope's
 * variables. Incomplete input is an empty value: the row is kept but not written.
 */
export function OperandInput({
  field,
  op,
  operand,
  variables,
  readOnly,
  onChange,
}: {
  field: ModelField;
  op: ConditionOp;
  operand: Operand | undefined;
  variables: readonly string[];
  readOnly: boolean;
  onChange(operand: Operand): void;
}) {
  const { w } = useExpressionWords();
  const source = operand?.kind === "variable" ? operand.path.split(".")[0]! : "";
  return (
    <>
      <select
        aria-label={w("source")}
        className="operand-source"
        value={source}
        disabled={readOnly}
        onChange={(event) => {
          const next = event.target.value;
          onChange(
            next === ""
              ? { kind: "value", value: op === "in" ? [] : "" }
              : { kind: "variable", path: `${next}.${USER_ATTRIBUTES[0]}` },
          );
        }}
      >
        <option value="">{w("sourceValue")}</option>
        {["$user", ...variables].map((variable) => (
          <option key={variable} value={variable}>
            {w("sourceVariable", { variable })}
          </option>
        ))}
      </select>
      {operand?.kind === "variable" ? (
        <AttributeInput
          variable={source}
          path={operand.path}
          readOnly={readOnly}
          onChange={(path) => onChange({ kind: "variable", path })}
        />
      ) : (
        <ValueInput
          field={field}
          op={op}
          value={operand?.value ?? (op === "in" ? [] : "")}
          readOnly={readOnly}
          onChange={(value) => onChange({ kind: "value", value })}
        />
      )}
    </>
  );
}

function AttributeInput({
  variable,
  path,
  readOnly,
  onChange,
}: {
  variable: string;
  path: string;
  readOnly: boolean;
  onChange(path: string): void;
}) {
  const { w } = useExpressionWords();
  const id = useId();
  const attribute = path.slice(variable.length + 1);
  return (
    <>
      <input
        className="input operand-value"
        aria-label={w("attribute")}
        list={`${id}-attributes`}
        value={attribute}
        readOnly={readOnly}
        spellCheck={false}
        onChange={(event) => onChange(`${variable}.${event.target.value.trim()}`)}
      />
      <datalist id={`${id}-attributes`}>
        {USER_ATTRIBUTES.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
    </>
  );
}

function ValueInput({
  field,
  op,
  value,
  readOnly,
  onChange,
}: {
  field: ModelField;
  op: ConditionOp;
  value: Scalar | readonly Scalar[];
  readOnly: boolean;
  onChange(value: Scalar | readonly Scalar[]): void;
}) {
  const { w } = useExpressionWords();
  const { label } = useLanguage();
  const options = field.options.map((option) => ({
    value: option,
    label: label(field.optionLabels[option], option),
  }));
  if ((field.type === "select" || field.type === "multiselect") && op === "in") {
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="operand-options operand-value">
        <legend className="visually-hidden">{w("value")}</legend>
        {options.map((option) => (
          <label key={option.value}>
            <input
              type="checkbox"
              checked={chosen.includes(option.value)}
              disabled={readOnly}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? options
                        .map((o) => o.value)
                        .filter((v) => v === option.value || chosen.includes(v))
                    : chosen.filter((v) => v !== option.value),
                )
              }
            />
            {option.label}
          </label>
        ))}
      </fieldset>
    );
  }
  if (field.type === "select" || field.type === "multiselect") {
    const known = options.some((option) => option.value === value);
    return (
      <select
        aria-label={w("value")}
        className="operand-value"
        value={String(value)}
        disabled={readOnly}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="" />
        {!known && value !== "" && <option value={String(value)}>{String(value)}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    );
  }
  if (field.type === "boolean")
    return (
      <select
        aria-label={w("value")}
        className="operand-value"
        value={value === "" ? "" : String(value)}
        disabled={readOnly}
        onChange={(event) =>
          onChange(event.target.value === "" ? "" : event.target.value === "true")
        }
      >
        <option value="" />
        <option value="true">{w("yes")}</option>
        <option value="false">{w("no")}</option>
      </select>
    );
  return (
    <TypedInput
      type={field.type}
      list={op === "in"}
      value={value}
      readOnly={readOnly}
      onChange={onChange}
    />
  );
}

/**
 * Text typed for a number, a date, text or a list of them: the text is kept while it is typed
 * (`1.` on the way to `1.5`), the value it stands for is given on every change.
 */
function TypedInput({
  type,
  list,
  value,
  readOnly,
  onChange,
}: {
  type: FieldType;
  list: boolean;
  value: Scalar | readonly Scalar[];
  readOnly: boolean;
  onChange(value: Scalar | readonly Scalar[]): void;
}) {
  const { w } = useExpressionWords();
  const numeric = NUMBERS.includes(type);
  const shown = shownText(value, type);
  const [text, setText] = useState(shown);
  // a value changed elsewhere replaces what is shown, unless it is what the text stands for
  useEffect(() => {
    setText((typed) =>
      shownText(parsed(typed, numeric, list, type), type) === shown ? typed : shown,
    );
  }, [shown, numeric, list, type]);
  const inputType = list
    ? "text"
    : numeric
      ? "number"
      : type === "date"
        ? "date"
        : type === "datetime"
          ? "datetime-local"
          : "text";
  return (
    <input
      className="input operand-value"
      aria-label={w("value")}
      type={inputType}
      step={inputType === "number" ? "any" : undefined}
      placeholder={list ? w("listHint") : undefined}
      value={text}
      readOnly={readOnly}
      onChange={(event) => {
        setText(event.target.value);
        onChange(parsed(event.target.value, numeric, list, type));
      }}
    />
  );
}

function parsed(
  text: string,
  numeric: boolean,
  list: boolean,
  type: FieldType,
): Scalar | readonly Scalar[] {
  const one = (part: string): Scalar => {
    const trimmed = part.trim();
    if (trimmed === "") return "";
    if (numeric) {
      const number = Number(trimmed);
      return Number.isFinite(number) ? number : "";
    }
    // a local date and time is stored as its instant
    if (type === "datetime") {
      const instant = new Date(trimmed);
      return Number.isNaN(instant.getTime()) ? "" : instant.toISOString();
    }
    return trimmed;
  };
  if (!list) return one(text);
  const items = text.split(",").map(one);
  return items.includes("") ? [] : items;
}

function shownText(value: Scalar | readonly Scalar[], type: FieldType): string {
  if (Array.isArray(value)) return value.join(", ");
  if (type === "datetime" && typeof value === "string" && value !== "") return localDateTime(value);
  return String(value);
}

/** An instant as the `datetime-local` input shows it: local time, to the minute. */
function localDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
