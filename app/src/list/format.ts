import type { Field, Labels } from "@loom/engine";
import type { Language } from "../i18n/dictionary.ts";

/** How a value reads in a list or a read-only place, by its field's type. */
export type Formatter = (field: Field | undefined, value: unknown) => string;

/** The Intl formats of numbers and dates in a language, shared by lists and reports. */
export function intlFormats(language: Language) {
  return {
    money: new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    integer: new Intl.NumberFormat(language, { maximumFractionDigits: 0 }),
    decimal: new Intl.NumberFormat(language, { maximumFractionDigits: 6 }),
    // a date is a calendar day: shown as that day whatever the browser's zone
    date: new Intl.DateTimeFormat(language, { dateStyle: "medium", timeZone: "UTC" }),
    dateTime: new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" }),
  };
}

export function formatter(
  language: Language,
  label: (labels: Labels | undefined) => string,
  words: { yes: string; no: string },
  titleOf: (field: Field, value: Record<string, unknown>) => string,
): Formatter {
  const { money, integer, decimal, date, dateTime } = intlFormats(language);
  const option = (field: Field, value: unknown) => {
    const found = field.options?.find((o) => o.value === value);
    return found ? label(found.labels) : String(value);
  };
  return (field, value) => {
    if (value === null || value === undefined || value === "") return "";
    switch (field?.type) {
      case "money":
        return typeof value === "number" ? money.format(value) : String(value);
      case "integer":
        return typeof value === "number" ? integer.format(value) : String(value);
      case "decimal":
        return typeof value === "number" ? decimal.format(value) : String(value);
      case "percent":
        return typeof value === "number" ? `${decimal.format(value)} %` : String(value);
      case "date":
        return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? date.format(new Date(`${value}T00:00:00Z`))
          : String(value);
      case "datetime":
        return typeof value === "string" ? dateTime.format(new Date(value)) : String(value);
      case "boolean":
        return value === true ? words.yes : words.no;
      case "select":
        return option(field, value);
      case "multiselect":
        return Array.isArray(value) ? value.map((v) => option(field, v)).join(", ") : String(value);
      case "link":
        return typeof value === "object"
          ? titleOf(field, value as Record<string, unknown>)
          : String(value);
      case "json":
        return JSON.stringify(value);
      default:
        if (field === undefined && typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value))
          return dateTime.format(new Date(value));
        return String(value);
    }
  };
}
