import { usePackageWords } from "../i18n/package-words.ts";
import type { ParameterStatus } from "./packages-api.ts";

/**
 * The input of one parameter's value, as text (the server reads numbers and true/false from it):
 * a secret's is a password input that never shows what is stored, a boolean's a choice.
 */
export function ParameterInput({
  parameter,
  label,
  value,
  invalid,
  onChange,
}: {
  parameter: ParameterStatus;
  /** the input's accessible name */
  label: string;
  value: string;
  invalid?: boolean;
  onChange(value: string): void;
}) {
  const { w } = usePackageWords();
  if (parameter.type === "boolean" && !parameter.secret)
    return (
      <select
        aria-label={label}
        aria-invalid={invalid || undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{w("noValue")}</option>
        <option value="true">{w("valueTrue")}</option>
        <option value="false">{w("valueFalse")}</option>
      </select>
    );
  return (
    <input
      className="input"
      type={parameter.secret ? "password" : INPUT_TYPES[parameter.type]}
      inputMode={
        parameter.type === "integer" || parameter.type === "decimal" ? "decimal" : undefined
      }
      autoComplete={parameter.secret ? "new-password" : "off"}
      aria-label={label}
      aria-invalid={invalid || undefined}
      placeholder={
        parameter.secret ? w(parameter.source === "set" ? "secretKept" : "secretNotSet") : undefined
      }
      value={value}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

const INPUT_TYPES: Readonly<Record<ParameterStatus["type"], string>> = {
  text: "text",
  integer: "text",
  decimal: "text",
  boolean: "text",
  url: "url",
  email: "email",
};

/** The value shown in an input at first: what is in force as text; never a secret's. */
export function initialText(parameter: ParameterStatus): string {
  return parameter.secret || parameter.value === null ? "" : String(parameter.value);
}
