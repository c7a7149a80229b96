import type { EffectDef } from "@loom/engine";
import type { JSONPath } from "jsonc-parser";
import { AssigneeEditor, type Editing, pointerOf } from "./assignee-editor.tsx";
import { JsonField, LabelsFields, messagesAt, SelectField, TextField } from "./panel-fields.tsx";
import { labelIn } from "./workflow-doc.ts";
import { labelsOf, useWorkflowWords, type WorkflowTranslate } from "./workflow-words.ts";

type EffectKind = "set" | "create" | "webhook" | "notify";
const KINDS: readonly EffectKind[] = ["set", "create", "webhook", "notify"];

function kindOf(effect: EffectDef): EffectKind {
  return KINDS.find((kind) => kind in effect) ?? "set";
}

/** A new action node's first effect, and the one an effect of another kind starts as. */
export function freshEffect(kind: EffectKind, ed?: Pick<Editing, "entity">): EffectDef {
  switch (kind) {
    case "set": {
      const field = ed?.entity?.fields.find((f) => f.type === "date");
      return { set: { [field?.name ?? "remark"]: field ? { today: [] } : "" } };
    }
    case "create":
      return { create: { entity: "", values: {} } };
    case "webhook":
      return { webhook: { url: "https://" } };
    case "notify":
      return {
        notify: {
          to: [{ expression: { var: "$requester.username" } }],
          message: labelsOf("newEffectMessage"),
        },
      };
  }
}

function kindWord(kind: EffectKind, w: WorkflowTranslate): string {
  const words = {
    set: "effectSet",
    create: "effectCreate",
    webhook: "effectWebhook",
    notify: "effectNotify",
  } as const;
  return w(words[kind]);
}

/** An action node's effects, in order: set fields, create a record, call a webhook, notify. */
export function EffectsEditor({
  ed,
  path,
  effects,
}: {
  ed: Editing;
  path: JSONPath;
  effects: readonly EffectDef[];
}) {
  const { w, language } = useWorkflowWords();
  const documents = ed.model.entities
    .filter((e) => e.type === undefined)
    .map((e) => ({ value: e.name, label: labelIn(e.labels ?? undefined, language) ?? e.name }));
  return (
    <fieldset className="wf-group">
      <legend>{w("effects")}</legend>
      {effects.map((effect, k) => {
        const kind = kindOf(effect);
        const at = [...path, k];
        const errorsAt = (...rest: string[]) =>
          messagesAt(ed.issues, pointerOf([...at, kind, ...rest]));
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: effects are identified by their place
          <div className="wf-effect" key={k}>
            <SelectField
              label={`${w("effectKind")} ${k + 1}`}
              value={kind}
              readOnly={ed.readOnly}
              options={KINDS.map((value) => ({ value, label: kindWord(value, w) }))}
              onChange={(next) => ed.set(at, freshEffect(next as EffectKind, ed))}
            />
            {"set" in effect && (
              <JsonField
                label={w("setValues")}
                value={effect.set}
                readOnly={ed.readOnly}
                errors={errorsAt()}
                onCommit={(values) => ed.set([...at, "set"], values ?? {})}
              />
            )}
            {"create" in effect && (
              <>
                <SelectField
                  label={w("createEntity")}
                  value={effect.create.entity}
                  options={documents}
                  readOnly={ed.readOnly}
                  errors={errorsAt("entity")}
                  onChange={(entity) => ed.set([...at, "create", "entity"], entity)}
                />
                <JsonField
                  label={w("createValues")}
                  value={effect.create.values}
                  readOnly={ed.readOnly}
                  errors={errorsAt("values")}
                  onCommit={(values) => ed.set([...at, "create", "values"], values ?? {})}
                />
              </>
            )}
            {"webhook" in effect && (
              <>
                {typeof effect.webhook.url === "string" ? (
                  <TextField
                    label={w("webhookUrl")}
                    value={effect.webhook.url}
                    readOnly={ed.readOnly}
                    errors={errorsAt("url")}
                    onChange={(url) => ed.set([...at, "webhook", "url"], url)}
                  />
                ) : (
                  // an environment's parameter: { "param": "<name>" }
                  <JsonField
                    label={w("webhookUrl")}
                    value={effect.webhook.url}
                    readOnly={ed.readOnly}
                    errors={errorsAt("url")}
                    onCommit={(url) => ed.set([...at, "webhook", "url"], url ?? "")}
                  />
                )}
                <JsonField
                  label={w("webhookHeaders")}
                  value={effect.webhook.headers}
                  readOnly={ed.readOnly}
                  errors={errorsAt("headers")}
                  onCommit={(headers) => ed.set([...at, "webhook", "headers"], headers)}
                />
              </>
            )}
            {"notify" in effect && (
              <>
                <AssigneeEditor
                  ed={ed}
                  path={[...at, "notify", "to"]}
                  assignees={effect.notify.to ?? []}
                  legend={w("notifyTo")}
                />
                <LabelsFields
                  labels={effect.notify.message}
                  enLabel={w("messageEn")}
                  zhLabel={w("messageZh")}
                  readOnly={ed.readOnly}
                  errors={errorsAt("message")}
                  onChange={(language, text) =>
                    ed.set([...at, "notify", "message", language], text)
                  }
                />
              </>
            )}
            {!ed.readOnly && effects.length > 1 && (
              <button type="button" className="button small" onClick={() => ed.set(at, undefined)}>
                {w("remove")}
              </button>
            )}
          </div>
        );
      })}
      {!ed.readOnly && (
        <button
          type="button"
          className="button small"
          onClick={() => ed.append(path, freshEffect("notify"))}
        >
          {w("addEffect")}
        </button>
      )}
    </fieldset>
  );
}
