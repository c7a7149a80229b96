import type { ObjectFieldTemplateProps } from "@rjsf/utils";
import { type KeyboardEvent, type ReactNode, useContext, useState } from "react";
import type { RecordFormContext } from "./form-context.ts";
import { lineNumber, nestedTables, tableKey } from "./line-path.ts";
import { LineActions } from "./table-templates.tsx";

/**
 * The record laid out by its form (tabs of sections in 1–3 columns, fields the user may not see
 * skipped, `visibleIf` applied as the user types); a table line as a row of cells.
 */
export function ObjectTemplate(props: ObjectFieldTemplateProps) {
  const { fieldPathId } = props;
  if (fieldPathId.path.length === 0) return <RecordLayout {...props} />;
  if (typeof fieldPathId.path[0] === "string") return <LineRow {...props} />;
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
  // the WAI-ARIA tabs pattern: one Tab stop for the strip, the arrows move between its tabs
  // (around the ends), Home and End to the first and the last; a tab shows as it takes the focus
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const moves: Readonly<Record<string, number>> = {
      ArrowRight: (current + 1) % tabs.length,
      ArrowLeft: (current - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
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
                <span className="tab-error">
                  <span aria-hidden="true"> ●</span>
                  <span className="visually-hidden"> {context.t("tabHasErrors")}</span>
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

/**
 * A line's row: a button per table of the line, opening it (its count of lines shown, its name
 * in the header row and the button's label: "Delivery Schedule of line 1: 2"), the cells, each
 * input labelled "<column> <line number>" (the header row is visual only), the line's buttons;
 * then, spanning the grid, each open table of the line: the user's choice, or holding an error.
 */
function LineRow({
  properties,
  registry,
  fieldPathId,
  formData,
  errorSchema,
  schema,
}: ObjectFieldTemplateProps) {
  const context = registry.formContext as RecordFormContext;
  const actions = useContext(LineActions);
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set());
  const byName = new Map(properties.map((p) => [p.name, p]));
  const table = tableKey(fieldPathId.path);
  const line = lineNumber(fieldPathId.path);
  const values = (formData ?? {}) as Record<string, unknown>;
  const nested = nestedTables(context, table).filter((name) => byName.has(name));
  const isOpen = (name: string) =>
    opened.has(name) || holdsErrors((errorSchema as Record<string, unknown> | undefined)?.[name]);
  const panelId = (name: string) => `${fieldPathId.$id}_${name}__lines`;
  const toggle = (name: string) => {
    const next = new Set(opened);
    if (!next.delete(name)) next.add(name);
    setOpened(next);
  };
  return (
    <>
      {nested.map((name) => {
        const lines = values[name];
        const title = (schema.properties?.[name] as { title?: string } | undefined)?.title;
        const count = Array.isArray(lines) ? lines.length : 0;
        const text = context.t("linesOfLine", { table: title ?? name, line, count });
        return (
          <div key={name} className="line-toggle">
            <button
              type="button"
              className="button small"
              aria-expanded={isOpen(name)}
              aria-controls={panelId(name)}
              aria-label={text}
              title={text}
              onClick={() => toggle(name)}
            >
              <span className="chevron" aria-hidden="true" />
              {count}
            </button>
          </div>
        );
      })}
      {(context.tables[table] ?? []).map(({ name, label }) => (
        <div key={name} className="line-cell">
          <label className="visually-hidden" htmlFor={`${fieldPathId.$id}_${name}`}>
            {label} {line}
          </label>
          {byName.get(name)?.content}
        </div>
      ))}
      {actions}
      {nested.map((name) => (
        <div key={name} id={panelId(name)} className="line-detail" hidden={!isOpen(name)}>
          {byName.get(name)!.content}
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
