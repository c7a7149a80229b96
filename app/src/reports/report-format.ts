import type { Bucket, Labels, ReportColumn, ReportResult } from "@loom/engine";
import { useMemo } from "react";
import type { Language, UiString } from "../i18n/dictionary.ts";
import { useLanguage } from "../i18n/language.tsx";
import { intlFormats } from "../list/format.ts";

/** How a report's values read in the user's language. */
export interface ReportFormat {
  /** a column's label */
  title(column: ReportColumn): string;
  /** a cell's value as text: a bucket as its period, a link or select value by its label */
  value(column: ReportColumn, value: unknown): string;
  /** a measure's value, short, for an axis ("1.2K", "1.2万") */
  axis(value: number): string;
  /** "Sales: 1,234.00" / "销售额：1,234.00" (both parts as given: text or HTML alike) */
  labelled(label: string, value: string): string;
}

type Translate = (key: UiString, values?: Readonly<Record<string, string | number>>) => string;

export function reportFormat(
  language: Language,
  t: Translate,
  label: (labels: Labels | undefined, fallback?: string) => string,
  labels: ReportResult["labels"],
): ReportFormat {
  const { money, integer, date, dateTime } = intlFormats(language);
  const decimal = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat(language, { maximumFractionDigits: 1 });
  const compact = new Intl.NumberFormat(language, {
    notation: "compact",
    maximumFractionDigits: 1,
  });
  const month = new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: "short",
    timeZone: "UTC",
  });
  const year = new Intl.DateTimeFormat(language, { year: "numeric", timeZone: "UTC" });

  const bucketText = (bucket: Bucket, day: Date): string => {
    switch (bucket) {
      case "day":
        return date.format(day);
      case "week": {
        const week = isoWeek(day);
        return t("weekOf", { week: week.week, year: week.year });
      }
      case "month":
        return month.format(day);
      case "quarter":
        return t("quarterOf", {
          quarter: Math.floor(day.getUTCMonth() / 3) + 1,
          year: day.getUTCFullYear(),
        });
      case "year":
        return year.format(day);
    }
  };

  const measureText = (column: ReportColumn, value: number): string => {
    const counted = column.aggregate === "count" || column.aggregate === "distinct";
    switch (column.format) {
      case "money":
        return money.format(value);
      case "percent":
        return `${decimal.format(value)} %`;
      case "duration-hours":
        return t("hours", { value: oneDecimal.format(value) });
      case "number":
        return counted ? integer.format(value) : decimal.format(value);
    }
    if (counted || column.type === "integer") return integer.format(value);
    if (column.type === "money") return money.format(value);
    return decimal.format(value);
  };

  return {
    title: (column) => label(column.labels, column.name),
    value: (column, value) => {
      if (value === null || value === undefined || value === "") return t("none");
      if (column.kind === "measure")
        return typeof value === "number" ? measureText(column, value) : String(value);
      const named = labels[column.name]?.[String(value)];
      if (named !== undefined) return named;
      const day = typeof value === "string" ? calendarDay(value) : undefined;
      if (column.bucket && day) return bucketText(column.bucket, day);
      if (column.type === "date" && day) return date.format(day);
      if (column.type === "datetime" && typeof value === "string")
        return dateTime.format(new Date(value));
      if (typeof value === "boolean") return value ? t("yes") : t("no");
      if (typeof value === "number")
        return column.type === "money" ? money.format(value) : decimal.format(value);
      return String(value);
    },
    axis: (value) => compact.format(value),
    labelled: (label, value) => t("labelled", { label, value }),
  };
}

/** The formats of one result, in the current language. */
export function useReportFormat(result: ReportResult): ReportFormat {
  const { language, t, label } = useLanguage();
  return useMemo(
    () => reportFormat(language, t, label, result.labels),
    [language, t, label, result.labels],
  );
}

/** "2026-03-01" (or an ISO timestamp) as that calendar day at UTC midnight. */
function calendarDay(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : undefined;
}

/** The ISO week (weeks start Monday; week 1 holds the year's first Thursday) and its year. */
function isoWeek(day: Date): { week: number; year: number } {
  const thursday = new Date(day.getTime());
  thursday.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return { week, year: thursday.getUTCFullYear() };
}
