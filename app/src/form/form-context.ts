import type { Labels, UiLayoutTab } from "@loom/engine";
import type { Language, UiString } from "../i18n/dictionary.ts";
import type { LinkTitles } from "./link-titles.ts";

/** What the record form's templates and fields need besides rjsf's own props. */
export interface RecordFormContext {
  readonly layout: readonly UiLayoutTab[];
  /**
   * each grid of lines by its path of table fields (`lines`, `lines.schedule` for the table of a
   * line) → the line fields shown as columns, with their labels
   */
  readonly tables: Readonly<Record<string, readonly { name: string; label: string }[]>>;
  readonly links: LinkTitles;
  readonly language: Language;
  t(key: UiString, values?: Readonly<Record<string, string | number>>): string;
  label(labels: Labels | null | undefined, fallback?: string): string;
  /** is this field shown with the record as it is now (its `visibleIf`)? */
  visible(field: string, record: Readonly<Record<string, unknown>>): boolean;
  /** formats a read-only money value */
  money(value: number): string;
}
