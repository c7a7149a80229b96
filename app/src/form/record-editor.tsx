import { type Entity, type Form, tablePaths } from "@loom/engine";
import type { ErrorSchema, RJSFSchema } from "@rjsf/utils";
import { useMemo, useState } from "react";
import { ApiError, api } from "../api/client.ts";
import type { JsonRecord, WorkflowStatus } from "../api/types.ts";
import { useLanguage } from "../i18n/language.tsx";
import { lineColumns } from "../meta/lookups.ts";
import { accessTo } from "../meta/permissions.ts";
import { useReady } from "../session/session.tsx";
import { withComputed } from "./computed.ts";
import { type Conflict, ConflictPanel } from "./conflict-panel.tsx";
import type { RecordFormContext } from "./form-context.ts";
import { formSchemas } from "./form-schema.ts";
import type { LinkTitles } from "./link-titles.ts";
import { changedFields } from "./record-changes.ts";
import { RecordForm } from "./record-form.tsx";
import { isVisible, lockedFields, moneyPaths, newRecord } from "./record-setup.ts";
import { missingRequired, requiredNow } from "./required-if.ts";
import { serverErrors } from "./server-errors.ts";
import { readRecord } from "./use-record.ts";

export interface RecordEditorProps {
  entity: Entity;
  /** the entity's compiled form (tabs and sections come with the uiSchema as `ui:layout`) */
  form: Form;
  /** the record as read; null for a new one */
  record: JsonRecord | null;
  status: WorkflowStatus | null;
  titles: LinkTitles;
  /** after a successful save: the stored record */
  onSaved(record: JsonRecord, created: boolean): void;
}

/**
 * The record's form and its saving: POST for a new record, PATCH of the changed fields with
 * If-Match for an existing one; computed fields recomputed as the user types; the server's
 * refusals shown at their fields; a version conflict explained, the user's input kept.
 */
export function RecordEditor({ entity, form, record, status, titles, onSaved }: RecordEditorProps) {
  const { model, meta, user } = useReady();
  const { language, t, label } = useLanguage();
  const isNew = record === null;
  const [base, setBase] = useState<JsonRecord>(() => record ?? {});
  const [data, setData] = useState<JsonRecord>(() =>
    withComputed(model, entity, record ?? newRecord(model, entity)),
  );
  const [errors, setErrors] = useState<ErrorSchema | undefined>(undefined);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const access = accessTo(model, user.roles, entity.name);
  const forms = meta.entities[entity.name]!;
  const locked = useMemo(
    () => lockedFields(model, entity, access, status, isNew),
    [model, entity, access, status, isNew],
  );
  const readonly = isNew
    ? !access.may("create")
    : !access.may("update") || (status !== null && status.editable.length === 0);
  const { schema, uiSchema } = useMemo(
    () =>
      formSchemas({
        schema: isNew ? forms.schema.create : forms.schema.update,
        read: forms.schema.read,
        defaults: forms.schema.create,
        uiSchema: forms.uiSchema,
        language,
        locked,
        money: moneyPaths(model, entity),
      }),
    [forms, isNew, language, locked, model, entity],
  );
  // the fields `requiredIf` makes required now: marked required as the user types
  const requiredKey = requiredNow(entity, data).join(",");
  const rendered = useMemo(() => withRequired(schema, requiredKey), [schema, requiredKey]);
  const context = useMemo<RecordFormContext>(() => {
    const tables: Record<string, { name: string; label: string }[]> = {};
    for (const { path, child } of tablePaths(entity, model.entities))
      tables[path] = lineColumns(form, path).map((name) => ({
        name,
        label: label(child.fields.find((f) => f.name === name)?.labels, name),
      }));
    const money = new Intl.NumberFormat(language, {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    return {
      layout: forms.uiSchema["ui:layout"] ?? [],
      tables,
      links: titles,
      language,
      t,
      label,
      visible: (name, current) => isVisible(entity, name, current),
      money: (value) => money.format(value),
    };
  }, [entity, model, form, forms, titles, language, t, label]);

  const fail = (error: unknown, edited: JsonRecord) => {
    if (error instanceof ApiError && error.code === "version-conflict") {
      setConflict({
        version: Number(error.extra.currentVersion),
        changes: changedFields(base, edited),
        saved: null,
      });
      return;
    }
    if (error instanceof ApiError && error.details.length > 0) {
      const placed = serverErrors(error.details, (segments) => inForm(schema, segments));
      setErrors(placed.schema);
      setGeneral(placed.general.length > 0 ? placed.general : [t("fixErrors")]);
      return;
    }
    setGeneral([error instanceof Error ? error.message : String(error)]);
  };

  const save = async (edited: JsonRecord) => {
    setSaving(true);
    setErrors(undefined);
    setGeneral([]);
    setNotice(null);
    try {
      if (isNew) {
        const created = await api<JsonRecord>(`/api/data/${entity.name}`, {
          method: "POST",
          body: edited,
        });
        onSaved(created, true);
        return;
      }
      const changes = changedFields(base, edited);
      if (Object.keys(changes).length > 0) {
        const saved = await api<JsonRecord>(
          `/api/data/${entity.name}/${encodeURIComponent(String(base.id))}`,
          { method: "PATCH", body: changes, headers: { "if-match": `"${String(base.version)}"` } },
        );
        setBase(saved);
        setData(withComputed(model, entity, saved));
        setConflict(null);
        onSaved(saved, false);
      }
      setNotice(t("saved"));
    } catch (error) {
      fail(error, edited);
    } finally {
      setSaving(false);
    }
  };

  /** the record as saved meanwhile, with the user's changes applied over it again */
  const reload = async () => {
    if (!conflict) return;
    try {
      const latest = await readRecord(model, entity, String(base.id), titles);
      setBase(latest);
      setData(withComputed(model, entity, { ...latest, ...conflict.changes }));
      setConflict({ ...conflict, version: Number(latest.version), saved: latest });
      setErrors(undefined);
      setGeneral([]);
    } catch (error) {
      fail(error, data);
    }
  };

  return (
    <div className="record-editor">
      {conflict && (
        <ConflictPanel
          entity={entity}
          conflict={conflict}
          current={data}
          titles={titles}
          onReload={reload}
          onUseSaved={(field) => {
            if (!conflict.saved) return;
            const { [field]: _dropped, ...changes } = conflict.changes;
            setConflict({ ...conflict, changes });
            setData(withComputed(model, entity, { ...data, [field]: conflict.saved[field] }));
          }}
        />
      )}
      {general.length > 0 && (
        <div role="alert" className="error-box">
          {general.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      )}
      {readonly && !isNew && <p className="note">{t("readOnly")}</p>}
      <RecordForm
        schema={rendered}
        uiSchema={uiSchema}
        context={context}
        data={data}
        readonly={readonly}
        serverErrors={errors}
        onChange={(next) => {
          setData(withComputed(model, entity, next));
          setNotice(null);
        }}
        onSubmit={(next) => void save(withComputed(model, entity, next))}
        missing={(next) => missingRequired(model, entity, withComputed(model, entity, next))}
        onInvalid={() => setGeneral([t("fixErrors")])}
      >
        <div className="form-actions">
          {!readonly && (
            <button type="submit" className="button primary" disabled={saving}>
              {saving ? t("saving") : t("save")}
            </button>
          )}
          <span className="notice" role="status">
            {notice}
          </span>
        </div>
      </RecordForm>
    </div>
  );
}

/**
 * The schema with the `requiredIf` fields that hold (`names`, comma-joined) in its `required`:
 * rjsf marks them and refuses to submit them unset.
 */
function withRequired(schema: RJSFSchema, names: string): RJSFSchema {
  if (names === "") return schema;
  return { ...schema, required: [...new Set([...(schema.required ?? []), ...names.split(",")])] };
}

/** Does the pointer name a field or a line of the form (not the record as a whole)? */
function inForm(schema: Record<string, unknown>, segments: readonly string[]): boolean {
  const properties = schema.properties as Record<string, unknown> | undefined;
  return properties?.[segments[0]!] !== undefined;
}
