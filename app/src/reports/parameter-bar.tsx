import type { ReportParameter } from "@loom/engine";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { useLinkOptions } from "./link-options.ts";
import type { ParameterValues } from "./report-api.ts";

export interface ParameterBarProps {
  parameters: readonly ReportParameter[];
  values: ParameterValues;
  /** the user applied new values (the form's submit) */
  onApply(values: Record<string, string>): void;
}

/** A report's or dashboard's parameters as a form; Apply runs with the values typed. */
export function ParameterBar({ parameters, values, onApply }: ParameterBarProps) {
  const { t } = useLanguage();
  const [draft, setDraft] = useState<Record<string, string>>({ ...values });
  // new values from outside (the address changed) replace what was typed
  const key = JSON.stringify(values);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the values
  useEffect(() => setDraft({ ...values }), [key]);
  if (parameters.length === 0) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(Object.fromEntries(Object.entries(draft).filter(([, value]) => value !== "")));
  };
  return (
    <form className="report-parameters" aria-label={t("parameters")} onSubmit={submit}>
      {parameters.map((parameter) => (
        <ParameterInput
          key={parameter.name}
          parameter={parameter}
          value={draft[parameter.name] ?? ""}
          onChange={(value) => setDraft((now) => ({ ...now, [parameter.name]: value }))}
        />
      ))}
      <button type="submit" className="button primary">
        {t("runReport")}
      </button>
    </form>
  );
}

function ParameterInput({
  parameter,
  value,
  onChange,
}: {
  parameter: ReportParameter;
  value: string;
  onChange(value: string): void;
}) {
  const { label } = useLanguage();
  const text = label(parameter.labels, parameter.name);
  const required = parameter.required === true;
  const id = useId();
  return (
    <div className="report-parameter">
      <label htmlFor={id}>{text}</label>
      {parameter.type === "select" ? (
        <select
          id={id}
          name={parameter.name}
          value={value}
          required={required}
          onChange={(e) => onChange(e.target.value)}
        >
          {!required && <option value="" />}
          {parameter.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {label(option.labels, option.value)}
            </option>
          ))}
        </select>
      ) : parameter.type === "link" ? (
        <LinkSelect id={id} parameter={parameter} value={value} onChange={onChange} />
      ) : (
        <input
          id={id}
          className="input"
          name={parameter.name}
          type={
            parameter.type === "date"
              ? "date"
              : parameter.type === "integer" || parameter.type === "decimal"
                ? "number"
                : "text"
          }
          step={parameter.type === "decimal" ? "any" : undefined}
          required={required}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
}

/** A link parameter: the target's records by title, or their id typed in when they cannot be listed. */
function LinkSelect({
  id,
  parameter,
  value,
  onChange,
}: {
  id: string;
  parameter: ReportParameter;
  value: string;
  onChange(value: string): void;
}) {
  const options = useLinkOptions(parameter.target);
  const required = parameter.required === true;
  if (options === null)
    return (
      <input
        id={id}
        className="input"
        name={parameter.name}
        required={required}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <select
      id={id}
      name={parameter.name}
      value={value}
      required={required}
      onChange={(e) => onChange(e.target.value)}
    >
      {!required && <option value="" />}
      {options.map((option) => (
        <option key={option.id} value={option.id}>
          {option.title}
        </option>
      ))}
    </select>
  );
}
