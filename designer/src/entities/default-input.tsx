import { useLanguage } from "@loom/app/i18n";
import type { FieldDef } from "@loom/engine";
import { useId } from "react";
import { useWords } from "../i18n/words.ts";

const NUMERIC = new Set(["integer", "decimal", "money", "percent"]);

/**
 * A field's constant default, entered as its type reads: yes/no, a number, one of the options,
 * or text (dates as dates). Multiple choices and JSON take JSON; empty means none.
 */
export function DefaultInput({
  field,
  onChange,
  invalid,
}: {
  field: FieldDef;
  onChange(value: unknown): void;
  invalid: object;
}) {
  const { w } = useWords();
  const { label } = useLanguage();
  const id = useId();
  const value = field.default;
  const common = { id, ...invalid };
  const input = () => {
    if (field.type === "boolean")
      return (
        <select
          {...common}
          value={value === undefined ? "" : String(value)}
          onChange={(event) =>
            onChange(event.target.value === "" ? undefined : event.target.value === "true")
          }
        >
          <option value="">{w("noDefault")}</option>
          <option value="true">{w("yes")}</option>
          <option value="false">{w("no")}</option>
        </select>
      );
    if (field.type === "select")
      return (
        <select
          {...common}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => onChange(event.target.value || undefined)}
        >
          <option value="">{w("noDefault")}</option>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {label(option.labels, option.value)}
            </option>
          ))}
        </select>
      );
    if (NUMERIC.has(field.type))
      return (
        <input
          {...common}
          className="input numeric"
          type="number"
          step="any"
          value={typeof value === "number" ? value : ""}
          onChange={(event) =>
            onChange(event.target.value === "" ? undefined : Number(event.target.value))
          }
        />
      );
    if (field.type === "multiselect" || field.type === "json")
      return (
        <input
          {...common}
          className="input code"
          defaultValue={value === undefined ? "" : JSON.stringify(value)}
          onChange={(event) => {
            const text = event.target.value.trim();
            if (text === "") return onChange(undefined);
            try {
              onChange(JSON.parse(text));
            } catch {
              // kept as typed until it is JSON
            }
          }}
        />
      );
    return (
      <input
        {...common}
        className="input"
        type={field.type === "date" ? "date" : "text"}
        value={typeof value === "string" ? value : ""}
        onChange={(event) => onChange(event.target.value === "" ? undefined : event.target.value)}
      />
    );
  };
  return (
    <>
      <label htmlFor={id}>{w("defaultValue")}</label>
      {input()}
    </>
  );
}
