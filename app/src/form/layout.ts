import type { Labels } from "@loom/engine";
import type { Form } from "../api/types.ts";

export interface LayoutSection {
  readonly id: string;
  readonly labels?: Labels;
  readonly columns: number;
  readonly fields: readonly string[];
}

export interface LayoutTab {
  readonly id: string;
  readonly labels?: Labels;
  readonly sections: readonly LayoutSection[];
}

/**
 * The tabs and sections a record form shows: the uiSchema's `ui:layout` (compiled by the server
 * from the form), else the form itself. Either way a field is named as a string or `{ field }`.
 */
export function formLayout(uiLayout: unknown, form: Form): LayoutTab[] {
  const tabs = Array.isArray(uiLayout)
    ? uiLayout
    : isObject(uiLayout) && Array.isArray(uiLayout.tabs)
      ? uiLayout.tabs
      : form.tabs;
  return (tabs as unknown[]).filter(isObject).map((tab, t) => ({
    id: String(tab.id ?? `tab${t}`),
    labels: tab.labels as Labels | undefined,
    sections: (Array.isArray(tab.sections) ? tab.sections : []).filter(isObject).map((s, i) => ({
      id: String(s.id ?? `section${i}`),
      labels: s.labels as Labels | undefined,
      columns: typeof s.columns === "number" ? Math.min(Math.max(s.columns, 1), 3) : 2,
      fields: (Array.isArray(s.fields) ? s.fields : []).flatMap((f: unknown) =>
        typeof f === "string" ? [f] : isObject(f) && typeof f.field === "string" ? [f.field] : [],
      ),
    })),
  }));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
