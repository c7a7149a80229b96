import type { JsonRecord, Schema } from "@loom/app/api-types";
import { LANGUAGES, type Language, translate } from "@loom/app/dictionary";
import { RecordForm } from "@loom/app/form";
import { withComputed } from "@loom/app/form/computed";
import type { RecordFormContext } from "@loom/app/form/form-context";
import { formSchemas } from "@loom/app/form/form-schema";
import { LinkTitles } from "@loom/app/form/link-titles";
import { isVisible, moneyPaths } from "@loom/app/form/record-setup";
import { useLanguage } from "@loom/app/i18n";
import { LANGUAGE_NAMES } from "@loom/app/layout/language-switch";
import {
  type AppModel,
  type Labels,
  recordSchema,
  tablePaths,
  type UiLayoutTab,
  uiSchema,
} from "@loom/engine";
import { useMemo, useState } from "react";
import { useWords } from "../i18n/words.ts";
import { SAMPLE_ID, sampleLinkTargets, sampleRecord } from "./sample-record.ts";

/**
 * The entity's form as /app renders it (the app's own rjsf form, templates and widgets), from the
 * draft compiled in the browser: the record schema and uiSchema the server would serve in
 * /api/meta. Filled with sample values; in either language, whatever the designer's; read-only or
 * editable, never saved.
 */
export function FormPreview({ model, entity }: { model: AppModel; entity: string }) {
  const { w } = useWords();
  const ui = useLanguage();
  const [language, setLanguage] = useState<Language>(ui.language);
  const [readonly, setReadonly] = useState(false);
  const [edited, setEdited] = useState<JsonRecord>({});
  const found = model.entities[entity];
  const form = model.forms[entity];
  // what /api/meta would serve for the entity, as the app reads it (plain JSON)
  const served = useMemo(
    () =>
      found && {
        create: recordSchema(model, entity, "create") as unknown as Schema,
        read: recordSchema(model, entity, "read") as unknown as Schema,
        uiSchema: uiSchema(model, entity),
      },
    [model, entity, found],
  );
  const placeholders = form
    ? form.tabs
        .flatMap((tab) => tab.sections.flatMap((s) => s.fields))
        .filter((f) => f.placeholder)
        .map((f) => f.field)
        .join(",")
    : "";
  const sample = useMemo(
    () => found && sampleRecord(model, found, new Set(placeholders.split(","))),
    [model, found, placeholders],
  );
  const label = useMemo(
    () =>
      (labels: Labels | null | undefined, fallback = "") =>
        labels?.[language] ?? labels?.en ?? fallback,
    [language],
  );
  const links = useMemo(() => {
    const titles = new LinkTitles(model);
    if (!found) return titles;
    for (const target of sampleLinkTargets(model, found)) {
      const targetEntity = model.entities[target]!;
      titles.remember(target, {
        id: SAMPLE_ID,
        [targetEntity.titleField!]: `${label(targetEntity.labels, target)} #1`,
      });
    }
    return titles;
  }, [model, found, label]);
  if (!found || !form || !served || !sample) return <p className="note">{w("previewNone")}</p>;

  const { schema, uiSchema: rendered } = formSchemas({
    schema: served.create,
    read: served.read,
    defaults: served.create,
    uiSchema: served.uiSchema as unknown as Schema,
    language,
    locked: new Set(),
    money: moneyPaths(model, found),
  });
  const money = new Intl.NumberFormat(language, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const tables: Record<string, { name: string; label: string }[]> = {};
  for (const { path, child } of tablePaths(found, model.entities))
    tables[path] = (form.tables[path]?.columns ?? []).map((name) => ({
      name,
      label: label(child.fields.find((f) => f.name === name)?.labels, name),
    }));
  const layout = (served.uiSchema["ui:layout"] ?? []) as readonly UiLayoutTab[];
  const context: RecordFormContext = {
    layout,
    tables,
    links,
    language,
    t: (key, values) => translate(language, key, values),
    label,
    visible: (name, record) => isVisible(found, name, record),
    money: (value) => money.format(value),
  };
  // values the user typed win over the samples; a field new since gets its sample
  const data = withComputed(model, found, { ...sample, ...edited });
  return (
    <section className="form-preview" aria-labelledby="preview-title" lang={language}>
      <header className="preview-head">
        <h2 id="preview-title">{w("previewTitle")}</h2>
        <select
          aria-label={w("previewLanguage")}
          value={language}
          onChange={(event) => setLanguage(event.target.value as Language)}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {LANGUAGE_NAMES[code]}
            </option>
          ))}
        </select>
        <label className="preview-readonly">
          <input
            type="checkbox"
            checked={readonly}
            onChange={(event) => setReadonly(event.target.checked)}
          />{" "}
          {w("previewReadOnly")}
        </label>
      </header>
      <p className="hint">{w("previewNote")}</p>
      <div className="preview-body">
        <h3 className="preview-title">{label(form.labels ?? found.labels, entity)}</h3>
        <RecordForm
          // a new set of tabs starts on the first one
          key={layout.map((tab) => tab.id).join(",")}
          schema={schema}
          uiSchema={rendered}
          context={context}
          data={data}
          readonly={readonly}
          serverErrors={undefined}
          onChange={setEdited}
          onSubmit={() => undefined}
          missing={() => []}
          onInvalid={() => undefined}
        >
          <p className="hint">{w("previewNotSaved")}</p>
        </RecordForm>
      </div>
    </section>
  );
}
