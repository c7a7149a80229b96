import type { ObjectFieldTemplateProps } from "@rjsf/utils";
import { type KeyboardEvent, type ReactNode, useState } from "react";
import type { RecordFormContext } from "./form-context.ts";

/**
 * The record laid out by its form (tabs of sections in 1–3 columns, fields the user may not see
 * skipped, `visibleIf` applied as the user types); a table line as a row of cells.
 */
export function ObjectTemplate(props: ObjectFieldTemplateProps) {
  const { fieldPathId } = props;
  const tableField = fieldPathId.path[0];
  if (fieldPathId.path.length === 0) return <RecordLayout {...props} />;
  if (typeof tableField === "string") return <LineRow {...props} table={tableField} />;
  return <div>{props.properties.map((p) => p.content)}</div>;
}

function RecordLayout({
  properties,
  registry,
  formData,
  errorSchema,
  uiSchema,
}: ObjectFieldTemplateProps) {
  const context = registry.formContext as RecordFormContext;
  const [current, setCurrent] = useState(0);
  const byName = new Map(properties.map((p) => [p.name, p]));
  const record = (formData ?? {}) as Record<string, unknown>;
  const tabs = context.layout;
  const hasErrors = (fields: readonly string[]) =>
    fields.some((name) =>
      holdsErrors((errorSchema as Record<string, unknown> | undefined)?.[name]),
    );
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    const next = (current + step + tabs.length) % tabs.length;
    setCurrent(next);
    document.getElementById(`tab-${tabs[next]!.id}`)?.focus();
  };
  return (
    <div className="record-layout">
      {tabs.length > 1 && (
        <div className="tabs" role="tablist">
          {tabs.map((tab, i) => (
            <button
              key={tab.id}
              id={`tab-${tab.id}`}
              type="button"
              role="tab"
              aria-selected={i === current}
              aria-controls={`panel-${tab.id}`}
              tabIndex={i === current ? 0 : -1}
              className={i === current ? "tab active" : "tab"}
              onClick={() => setCurrent(i)}
              onKeyDown={onTabKey}
            >
              {context.label(tab.labels, tab.id)}
              {hasErrors(tab.sections.flatMap((s) => s.fields)) && (
                <span className="tab-error" aria-hidden="true">
                  {" "}
                  ●
                </span>
              )}
            </button>
          ))}
        </div>
      )}
      {tabs.map((tab, i) => (
        <TabPanel key={tab.id} id={tab.id} tabbed={tabs.length > 1} hidden={i !== current}>
          {tab.sections.map((section) => {
            const shown = section.fields.filter(
              (name) => byName.has(name) && context.visible(name, record),
            );
            if (shown.length === 0) return null;
            return (
              <fieldset key={section.id} className="section">
                {section.labels && <legend>{context.label(section.labels)}</legend>}
                <div className={`grid cols-${section.columns}`}>
                  {shown.map((name) => {
                    const ui = uiSchema?.[name] as { items?: unknown } | undefined;
                    return (
                      <div key={name} className={ui?.items ? "span-all" : undefined}>
                        {byName.get(name)!.content}
                      </div>
                    );
                  })}
                </div>
              </fieldset>
            );
          })}
        </TabPanel>
      ))}
    </div>
  );
}

/** A tab's content: a tabpanel when there are tabs; hidden, not unmounted, when another is shown. */
function TabPanel(props: { id: string; tabbed: boolean; hidden: boolean; children: ReactNode }) {
  if (!props.tabbed) return <div>{props.children}</div>;
  return (
    <div
      id={`panel-${props.id}`}
      role="tabpanel"
      aria-labelledby={`tab-${props.id}`}
      hidden={props.hidden}
    >
      {props.children}
    </div>
  );
}

/** A line's cells; each input is labelled "<column> <line number>" (the header row is visual only). */
function LineRow({
  properties,
  registry,
  table,
  fieldPathId,
}: ObjectFieldTemplateProps & { table: string }) {
  const context = registry.formContext as RecordFormContext;
  const byName = new Map(properties.map((p) => [p.name, p]));
  const line = Number(fieldPathId.path[1]) + 1;
  return (
    <>
      {(context.tables[table] ?? []).map(({ name, label }) => (
        <div key={name} className="line-cell">
          <label className="visually-hidden" htmlFor={`${fieldPathId.$id}_${name}`}>
            {label} {line}
          </label>
          {byName.get(name)?.content}
        </div>
      ))}
    </>
  );
}

/** Does this part of an rjsf ErrorSchema hold an error message anywhere? */
function holdsErrors(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  return Object.entries(node).some(([key, value]) =>
    key === "__errors" ? Array.isArray(value) && value.length > 0 : holdsErrors(value),
  );
}
