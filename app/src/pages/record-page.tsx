import type { Entity, Form } from "@loom/engine";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { JsonRecord } from "../api/types.ts";
import { LinkTitles } from "../form/link-titles.ts";
import { RecordEditor } from "../form/record-editor.tsx";
import { type Loaded, readRecord, useWorkflowStatus } from "../form/use-record.ts";
import { RecordHistory } from "../history/record-history.tsx";
import { useLanguage } from "../i18n/language.tsx";
import { Loading } from "../layout/loading.tsx";
import { PageTitle } from "../layout/page-title.tsx";
import { Link, navigate, paths } from "../router/router.tsx";
import { useReady } from "../session/session.tsx";
import { useInbox } from "../workflow/use-inbox.tsx";
import { WorkflowPanel } from "../workflow/workflow-panel.tsx";
import { NotFoundPage } from "./not-found-page.tsx";

/** A record (or a new one): its form, and beside it its workflow. */
export default function RecordPage({ entityName, id }: { entityName: string; id: string | null }) {
  const { model } = useReady();
  const entity = model.entities[entityName];
  const form = model.forms[entityName];
  // lines have no form and no page: they are edited inside their document
  if (!entity || !form) return <NotFoundPage />;
  return <RecordOf key={`${entityName}/${id ?? "new"}`} entity={entity} form={form} id={id} />;
}

function RecordOf({ entity, form, id }: { entity: Entity; form: Form; id: string | null }) {
  const { model } = useReady();
  const { t, label } = useLanguage();
  const titles = useMemo(() => new LinkTitles(model), [model]);
  const [record, setRecord] = useState<Loaded<JsonRecord | null>>(
    id === null ? { status: "ready", value: null } : { status: "loading" },
  );
  // a new generation of the form after a workflow action: it shows the record as it is now
  const [generation, setGeneration] = useState(0);
  // the audit trail reads again after every save (a save keeps the form's generation)
  const [saves, setSaves] = useState(0);
  const inbox = useInbox();
  const workflow = model.workflows[entity.name];
  const status = useWorkflowStatus(entity.name, id, workflow !== undefined);

  const load = useCallback(async () => {
    if (id === null) return;
    try {
      const value = await readRecord(model, entity, id, titles);
      setRecord({ status: "ready", value });
      setGeneration((n) => n + 1);
    } catch (error) {
      setRecord({ status: "failed", error: error as Error });
    }
  }, [model, entity, id, titles]);
  useEffect(() => {
    void load();
  }, [load]);

  const list = Object.values(model.views).find((view) => view.entity === entity.name);
  const current = record.status === "ready" ? record.value : null;
  const title = current ? String(current[entity.titleField] ?? "") : t("newRecord");
  return (
    <section className="page record-page" aria-labelledby="page-title">
      <header className="page-header">
        <div>
          {list && (
            <Link className="back" to={paths.list(list.name)}>
              ← {t("back")}
            </Link>
          )}
          <PageTitle>
            <span className="entity-label">{label(entity.labels, entity.name)}</span> {title}
          </PageTitle>
        </div>
      </header>
      {record.status === "failed" || status.state.status === "failed" ? (
        <p role="alert" className="error-box">
          {t("error", {
            message:
              record.status === "failed"
                ? record.error.message
                : status.state.status === "failed"
                  ? status.state.error.message
                  : "",
          })}
        </p>
      ) : record.status === "loading" || status.state.status === "loading" ? (
        <Loading look="block" />
      ) : (
        <div className={workflow && id !== null ? "record-columns" : undefined}>
          <RecordEditor
            key={generation}
            entity={entity}
            form={form}
            record={record.value}
            status={status.state.value}
            titles={titles}
            onSaved={(saved, created) => {
              if (created) navigate(paths.record(entity.name, String(saved.id)), { replace: true });
              else {
                status.reload();
                setSaves((n) => n + 1);
              }
            }}
          />
          {workflow && id !== null && status.state.value && (
            <WorkflowPanel
              workflow={workflow}
              entity={entity.name}
              id={id}
              status={status.state.value}
              onActed={() => {
                status.reload();
                inbox.refresh();
                void load();
              }}
            />
          )}
        </div>
      )}
      {id !== null && record.status === "ready" && (
        <RecordHistory entity={entity} id={id} round={generation + saves} />
      )}
    </section>
  );
}
