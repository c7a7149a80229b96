import {
  APPROVE_ACTION,
  type ApprovalNodeDef,
  type DecisionNodeDef,
  type StateNodeDef,
  type WorkflowNodeDef,
} from "@loom/engine";
import type { JSONPath } from "jsonc-parser";
import { AssigneeEditor, type Editing, firstRole, pointerOf } from "./assignee-editor.tsx";
import { EffectsEditor } from "./effects-editor.tsx";
import { GuardField } from "./guard-field.tsx";
import {
  CheckField,
  CommitField,
  LabelsFields,
  messagesAt,
  SelectField,
  TextField,
} from "./panel-fields.tsx";
import { exitsOf, labelIn } from "./workflow-doc.ts";
import { stateFieldsOf } from "./workflow-model.ts";
import { useWorkflowWords } from "./workflow-words.ts";

/** Writes one language of a label; an empty Chinese label is removed (English is required). */
export function setLabel(ed: Editing, path: JSONPath, language: "en" | "zh-CN", text: string) {
  ed.set([...path, language], language === "en" || text !== "" ? text : undefined);
}

/** The selected node's properties, by its kind. */
export function NodePanel({
  ed,
  index,
  onRename,
}: {
  ed: Editing;
  index: number;
  onRename(next: string): void;
}) {
  const { w } = useWorkflowWords();
  const node = ed.def.nodes[index]!;
  const path = ["nodes", index];
  const errors = (prop: string) => messagesAt(ed.issues, `/nodes/${index}/${prop}`);
  return (
    <>
      <CommitField
        label={w("nodeId")}
        value={node.id}
        help={w("idHint")}
        readOnly={ed.readOnly}
        errors={errors("id")}
        onCommit={onRename}
      />
      <LabelsFields
        labels={node.labels}
        enLabel={w("labelEn")}
        zhLabel={w("labelZh")}
        readOnly={ed.readOnly}
        errors={errors("labels")}
        onChange={(language, text) => setLabel(ed, [...path, "labels"], language, text)}
      />
      {(node.type === "state" || node.type === "approval") && (
        <RestingFields ed={ed} node={node} path={path} />
      )}
      {node.type === "approval" && <ApprovalFields ed={ed} node={node} path={path} />}
      {node.type === "decision" && <RoutesFields ed={ed} node={node} />}
      {node.type === "action" && (
        <EffectsEditor ed={ed} path={[...path, "effects"]} effects={node.effects ?? []} />
      )}
    </>
  );
}

function RestingFields({
  ed,
  node,
  path,
}: {
  ed: Editing;
  node: StateNodeDef | ApprovalNodeDef;
  path: JSONPath;
}) {
  const { w, language } = useWorkflowWords();
  const field = stateFieldsOf(ed.entity).find((f) => f.name === ed.def.stateField);
  const pointer = pointerOf(path);
  const states = (field?.options ?? []).map((value) => ({
    value,
    label: `${labelIn(field?.optionLabels[value], language) ?? value} (${value})`,
  }));
  return (
    <>
      <SelectField
        label={w("state")}
        value={node.state ?? ""}
        options={states}
        readOnly={ed.readOnly}
        errors={messagesAt(ed.issues, `${pointer}/state`)}
        onChange={(state) => ed.set([...path, "state"], state)}
      />
      {node.type === "state" && (
        <>
          <CheckField
            label={w("initialNode")}
            checked={node.initial === true}
            readOnly={ed.readOnly}
            errors={messagesAt(ed.issues, `${pointer}/initial`)}
            onChange={(on) => ed.set([...path, "initial"], on || undefined)}
          />
          <CheckField
            label={w("finalNode")}
            checked={node.final === true}
            readOnly={ed.readOnly}
            errors={messagesAt(ed.issues, `${pointer}/final`)}
            onChange={(on) => ed.set([...path, "final"], on || undefined)}
          />
        </>
      )}
      {ed.entity?.submittable && (
        <SelectField
          label={w("lifecycle")}
          value={node.lifecycle ?? ""}
          readOnly={ed.readOnly}
          errors={messagesAt(ed.issues, `${pointer}/lifecycle`)}
          options={[
            { value: "", label: w("lifecycleDefault") },
            { value: "draft", label: "draft" },
            { value: "submitted", label: "submitted" },
            { value: "cancelled", label: "cancelled" },
          ]}
          onChange={(next) => ed.set([...path, "lifecycle"], next || undefined)}
        />
      )}
    </>
  );
}

function ApprovalFields({
  ed,
  node,
  path,
}: {
  ed: Editing;
  node: ApprovalNodeDef;
  path: JSONPath;
}) {
  const { w } = useWorkflowWords();
  const pointer = pointerOf(path);
  const mode = node.mode ?? "any";
  const quorum = typeof mode === "object" ? mode.quorum : null;
  const actions = exitsOf(ed.def, node.id).flatMap(({ edge }) =>
    edge.action ? [edge.action] : [],
  );
  const sla = node.sla;
  const then = sla === undefined ? "none" : sla.action !== undefined ? "action" : "escalate";
  return (
    <>
      <AssigneeEditor
        ed={ed}
        path={[...path, "assignees"]}
        assignees={node.assignees ?? []}
        legend={w("assignees")}
      />
      <div className="wf-pair">
        <SelectField
          label={w("mode")}
          value={quorum === null ? String(mode) : "quorum"}
          readOnly={ed.readOnly}
          errors={messagesAt(ed.issues, `${pointer}/mode`)}
          options={[
            { value: "any", label: w("modeAny") },
            { value: "all", label: w("modeAll") },
            { value: "quorum", label: w("modeQuorum", { n: "n" }) },
          ]}
          onChange={(next) =>
            ed.set(
              [...path, "mode"],
              next === "quorum" ? { quorum: 2 } : next === "any" ? undefined : next,
            )
          }
        />
        {quorum !== null && (
          <TextField
            label={w("quorum")}
            value={String(quorum)}
            readOnly={ed.readOnly}
            onChange={(n) => ed.set([...path, "mode", "quorum"], Math.max(1, Number(n) || 1))}
          />
        )}
      </div>
      <CheckField
        label={w("selfApproval")}
        checked={node.selfApproval === true}
        readOnly={ed.readOnly}
        onChange={(on) => ed.set([...path, "selfApproval"], on || undefined)}
      />
      <fieldset className="wf-group">
        <legend>{w("sla")}</legend>
        <SelectField
          label={w("slaThen")}
          value={then}
          readOnly={ed.readOnly}
          options={[
            { value: "none", label: w("slaNone") },
            { value: "escalate", label: w("slaEscalate") },
            { value: "action", label: w("slaAction") },
          ]}
          onChange={(next) => {
            const duration = sla?.duration ?? "P2D";
            ed.set(
              [...path, "sla"],
              next === "none"
                ? undefined
                : next === "escalate"
                  ? { duration, escalateTo: [{ role: firstRole(ed.model) }] }
                  : {
                      duration,
                      action: actions.find((a) => a !== APPROVE_ACTION) ?? APPROVE_ACTION,
                    },
            );
          }}
        />
        {sla && (
          <TextField
            label={w("slaDuration")}
            value={sla.duration}
            readOnly={ed.readOnly}
            errors={messagesAt(ed.issues, `${pointer}/sla/duration`)}
            onChange={(duration) => ed.set([...path, "sla", "duration"], duration)}
          />
        )}
        {sla?.escalateTo && (
          <AssigneeEditor
            ed={ed}
            path={[...path, "sla", "escalateTo"]}
            assignees={sla.escalateTo}
            legend={w("slaEscalate")}
          />
        )}
        {sla?.action !== undefined && (
          <SelectField
            label={w("slaAction")}
            value={sla.action}
            readOnly={ed.readOnly}
            errors={messagesAt(ed.issues, `${pointer}/sla/action`)}
            options={actions.map((a) => ({ value: a, label: a }))}
            onChange={(action) => ed.set([...path, "sla", "action"], action)}
          />
        )}
      </fieldset>
    </>
  );
}

/** A decision's routes: each one's guard, and which one is the else route. */
function RoutesFields({ ed, node }: { ed: Editing; node: DecisionNodeDef }) {
  const { w, language } = useWorkflowWords();
  const nameOf = (id: string) => {
    const target = ed.def.nodes.find((n: WorkflowNodeDef) => n.id === id);
    return target ? (labelIn(target.labels, language) ?? id) : id;
  };
  return (
    <fieldset className="wf-group">
      <legend>{w("routes")}</legend>
      {exitsOf(ed.def, node.id).map(({ edge, index }) => (
        <div className="wf-effect" key={index}>
          <strong>
            {edge.id} → {nameOf(edge.to)}
          </strong>
          <CheckField
            label={w("elseRoute")}
            checked={edge.else === true}
            readOnly={ed.readOnly}
            errors={messagesAt(ed.issues, `/edges/${index}/else`)}
            onChange={(on) => {
              ed.set(["edges", index, "else"], on || undefined);
              if (on) ed.set(["edges", index, "when"], undefined);
            }}
          />
          {edge.else !== true && (
            <GuardField ed={ed} index={index} errors={messagesAt(ed.issues, `/edges/${index}`)} />
          )}
        </div>
      ))}
    </fieldset>
  );
}
