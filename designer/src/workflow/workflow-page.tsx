import { useLanguage } from "@loom/app/i18n";
import { PageTitle } from "@loom/app/layout/page-title";
import { Link, navigate } from "@loom/app/router";
import { type FormEvent, useMemo, useState } from "react";
import { readComponents } from "../draft/design-context.ts";
import { useDraft } from "../draft/draft-context.tsx";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import { SelectField, TextField } from "./panel-fields.tsx";
import { WorkflowDesigner } from "./workflow-designer.tsx";
import { newWorkflowText, uniqueId } from "./workflow-edits.ts";
import { issuesOfFile } from "./workflow-issues.ts";
import {
  stateFieldsOf,
  unboundDocuments,
  type WorkflowEntry,
  type WorkflowModel,
  workflowModel,
} from "./workflow-model.ts";
import { workflowPath } from "./workflow-path.ts";
import { useWorkflowWords } from "./workflow-words.ts";

/**
 * The workflows of the draft (drawn and edited) and of the packages it builds on (shown read
 * only); a new one for a document entity that follows none. Edits go into the draft like every
 * other designer edit, and the engine's problems of the file show on the graph.
 */
export default function WorkflowPage({ name }: { name: string | null }) {
  const { ctx, issues, session } = useDraft();
  const { w } = useWorkflowWords();
  const { w: wd } = useWords();
  const { label } = useLanguage();
  const model = useMemo(
    () =>
      workflowModel([
        { name: ctx.draft.name, own: true, components: readComponents(ctx.draft.files) },
        ...ctx.bases.map((base) => ({ name: base.name, own: false, components: base.components })),
      ]),
    [ctx],
  );
  const chosen = name === null ? undefined : model.workflows.find((wf) => wf.name === name);
  const text = chosen && (chosen.own ? ctx.draft.files[chosen.file] : baseText(ctx, chosen));
  const fileIssues = useMemo(
    () => (chosen?.own ? issuesOfFile(issues, ctx.draft.name, chosen.file) : []),
    [chosen, issues, ctx.draft.name],
  );
  return (
    <div className="workflows-page">
      <WorkflowList model={model} current={name} />
      <section className="page" aria-labelledby="page-title">
        <header className="page-header">
          <PageTitle>
            {chosen ? label(chosen.labels ?? undefined, chosen.name) : w("workflowsTitle")}
          </PageTitle>
          {chosen && (
            <Link
              className="button small"
              to={designerPaths.json(chosen.file, chosen.own ? undefined : chosen.package)}
            >
              {wd("openInJson")}
            </Link>
          )}
        </header>
        {chosen && text !== undefined ? (
          <>
            {!chosen.own && (
              <p className="note">
                {w("readOnlyNote", { name: chosen.name, package: chosen.package })}
              </p>
            )}
            <WorkflowDesigner
              key={chosen.file}
              text={text}
              issues={fileIssues}
              model={model}
              onChange={chosen.own ? (next) => session.edit({ [chosen.file]: next }) : undefined}
            />
          </>
        ) : (
          <p className="note">
            {name === null ? w("pickWorkflow") : w("noSuchWorkflow", { name })}
          </p>
        )}
      </section>
    </div>
  );
}

function baseText(
  ctx: ReturnType<typeof useDraft>["ctx"],
  entry: WorkflowEntry,
): string | undefined {
  const component = ctx.bases
    .find((base) => base.name === entry.package)
    ?.components.find((c) => c.file === entry.file);
  return component && JSON.stringify(component.value, null, 2);
}

function WorkflowList({ model, current }: { model: WorkflowModel; current: string | null }) {
  const { ctx } = useDraft();
  const { w } = useWorkflowWords();
  const { label } = useLanguage();
  const [adding, setAdding] = useState(false);
  const groups = [ctx.draft.name, ...ctx.bases.map((base) => base.name)].map((pkg) => ({
    pkg,
    own: pkg === ctx.draft.name,
    workflows: model.workflows.filter((wf) => wf.package === pkg),
  }));
  return (
    <nav className="entity-list workflow-list" aria-label={w("workflowsTitle")}>
      {adding ? (
        <NewWorkflowForm model={model} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className="button small" onClick={() => setAdding(true)}>
          + {w("newWorkflow")}
        </button>
      )}
      {groups.map((group) => (
        <div key={group.pkg} className="entity-group">
          <h2 className="nav-heading">
            {group.own
              ? w("ownWorkflows", { package: group.pkg })
              : w("baseWorkflows", { package: group.pkg })}
          </h2>
          {group.workflows.length === 0 ? (
            <p className="hint">{w("noWorkflows")}</p>
          ) : (
            <ul>
              {group.workflows.map((wf) => (
                <li key={wf.name}>
                  <Link
                    className="nav-link"
                    to={workflowPath(wf.name)}
                    aria-current={wf.name === current ? "page" : undefined}
                  >
                    <span>{label(wf.labels ?? undefined, wf.name)}</span>
                    <code className="entity-code">{wf.entity}</code>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </nav>
  );
}

/**
 * A new workflow for a document entity that follows none, holding its state in one of the
 * entity's choice fields; it starts with its initial state node and opens.
 */
function NewWorkflowForm({ model, onDone }: { model: WorkflowModel; onDone(): void }) {
  const { session, ctx } = useDraft();
  const { w } = useWorkflowWords();
  const { label } = useLanguage();
  const free = unboundDocuments(model);
  const [entityName, setEntityName] = useState(free[0]?.name ?? "");
  const entity = free.find((e) => e.name === entityName);
  const stateFields = stateFieldsOf(entity);
  const [fieldName, setFieldName] = useState<string | null>(null);
  const field =
    stateFields.find((f) => f.name === fieldName) ??
    stateFields.find((f) => f.name === "status") ??
    stateFields[0];
  const [name, setName] = useState<string | null>(null);
  const [en, setEn] = useState<string | null>(null);
  const [zh, setZh] = useState<string | null>(null);
  const taken = model.workflows.map((wf) => wf.name);
  const shownName = name ?? uniqueId(`${entityName}_approval`, taken);
  const shownEn = en ?? `${entity?.labels?.en ?? entityName} Approval`;
  const shownZh = zh ?? (entity?.labels?.["zh-CN"] ? `${entity.labels["zh-CN"]}审批` : "");
  if (free.length === 0)
    return (
      <div className="new-workflow">
        <p className="hint">{w("noFreeEntity")}</p>
        <button type="button" className="button small" onClick={onDone}>
          {w("cancel")}
        </button>
      </div>
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!entity || !field) return;
    const initial = field.options[0]!;
    const file = `workflows/${shownName}.json`;
    if (file in ctx.draft.files) return;
    session.edit({
      [file]: newWorkflowText({
        name: shownName,
        labels: { en: shownEn, ...(shownZh !== "" && { "zh-CN": shownZh }) },
        entity: entity.name,
        stateField: field.name,
        initialState: initial,
        initialLabels: field.optionLabels[initial] ?? { en: initial },
      }),
    });
    onDone();
    navigate(workflowPath(shownName));
  };
  return (
    <form className="new-workflow" onSubmit={submit} aria-label={w("newWorkflow")}>
      <SelectField
        label={w("newWorkflowFor")}
        value={entityName}
        options={free.map((e) => ({ value: e.name, label: label(e.labels ?? undefined, e.name) }))}
        onChange={(next) => {
          setEntityName(next);
          setFieldName(null);
          setName(null);
          setEn(null);
          setZh(null);
        }}
      />
      {field ? (
        <SelectField
          label={w("stateFieldPick")}
          value={field.name}
          options={stateFields.map((f) => ({
            value: f.name,
            label: `${label(f.labels ?? undefined, f.name)} (${f.options.join(", ")})`,
          }))}
          onChange={setFieldName}
        />
      ) : (
        <p className="error-box">{w("noStateField", { entity: entityName })}</p>
      )}
      <TextField label={w("workflowName")} value={shownName} onChange={setName} />
      <TextField label={w("labelEn")} value={shownEn} onChange={setEn} />
      <TextField label={w("labelZh")} value={shownZh} onChange={setZh} />
      <div className="buttons">
        <button type="submit" className="button primary small" disabled={!field}>
          {w("create")}
        </button>
        <button type="button" className="button small" onClick={onDone}>
          {w("cancel")}
        </button>
      </div>
    </form>
  );
}
