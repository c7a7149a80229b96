import type { AssigneeDef, Issue, WorkflowDef } from "@loom/engine";
import type { JSONPath } from "jsonc-parser";
import { JsonField, messagesAt, SelectField, TextField } from "./panel-fields.tsx";
import { labelIn } from "./workflow-doc.ts";
import type { ModelEntity, WorkflowModel } from "./workflow-model.ts";
import { useWorkflowWords, type WorkflowTranslate } from "./workflow-words.ts";

/** What a panel edits with: the file read, its issues, the model, and writes into the file. */
export interface Editing {
  readonly def: WorkflowDef;
  readonly issues: readonly Issue[];
  readonly model: WorkflowModel;
  /** the workflow's entity, when it is one the model has */
  readonly entity: ModelEntity | undefined;
  readonly readOnly: boolean;
  /** sets (undefined: removes) the value at `path` of the file */
  set(path: JSONPath, value: unknown): void;
  /** appends to the array at `path` */
  append(path: JSONPath, value: unknown): void;
}

/** JSONPath → JSON pointer, to find the issues of a value. */
export function pointerOf(path: JSONPath): string {
  return path
    .map((part) => `/${String(part).replaceAll("~", "~0").replaceAll("/", "~1")}`)
    .join("");
}

type AssigneeKind = "role" | "user" | "field" | "expression";
const KINDS: readonly AssigneeKind[] = ["role", "user", "field", "expression"];

function kindOf(assignee: AssigneeDef): AssigneeKind {
  return KINDS.find((kind) => kind in assignee) ?? "role";
}

/** The first role a new assignee gets: a role of the packages, else the built-in admin. */
export function firstRole(model: WorkflowModel): string {
  return (model.roles.find((r) => r.name !== "admin") ?? model.roles[0])?.name ?? "admin";
}

function fresh(kind: AssigneeKind, model: WorkflowModel): AssigneeDef {
  switch (kind) {
    case "role":
      return { role: firstRole(model) };
    case "user":
      return { user: "" };
    case "field":
      return { field: "" };
    case "expression":
      return { expression: { var: "$requester.manager" } };
  }
}

/** Text fields holding a username: of the record, or one link away (`warehouse.manager`). */
function userFields(model: WorkflowModel, entity: ModelEntity | undefined): string[] {
  const fields = entity?.fields ?? [];
  const near = fields.filter((f) => f.type === "text").map((f) => f.name);
  const far = fields
    .filter((f) => f.type === "link")
    .flatMap((link) =>
      (model.entities.find((e) => e.name === link.target)?.fields ?? [])
        .filter((f) => f.type === "text")
        .map((f) => `${link.name}.${f.name}`),
    );
  return [...near, ...far];
}

function kindWord(kind: AssigneeKind, w: WorkflowTranslate): string {
  const words = {
    role: "byRole",
    user: "byUser",
    field: "byField",
    expression: "byExpression",
  } as const;
  return w(words[kind]);
}

/**
 * A list of assignees (an approval's, an escalation's, a notification's recipients): each by
 * role (with its distribution), user, field or expression.
 */
export function AssigneeEditor({
  ed,
  path,
  assignees,
  legend,
}: {
  ed: Editing;
  path: JSONPath;
  assignees: readonly AssigneeDef[];
  legend: string;
}) {
  const { w, language } = useWorkflowWords();
  const roles = ed.model.roles.map((r) => ({
    value: r.name,
    label: r.labels ? `${labelIn(r.labels, language)} (${r.name})` : r.name,
  }));
  const fields = userFields(ed.model, ed.entity);
  const pointer = pointerOf(path);
  return (
    <fieldset className="wf-group">
      <legend>{legend}</legend>
      {assignees.map((assignee, k) => {
        const kind = kindOf(assignee);
        const at = [...path, k];
        const errors = messagesAt(ed.issues, `${pointer}/${k}`);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: assignees are identified by their place
          <div className="wf-row" key={k}>
            <SelectField
              label={w("assigneeKind")}
              value={kind}
              readOnly={ed.readOnly}
              options={KINDS.map((value) => ({ value, label: kindWord(value, w) }))}
              onChange={(next) => ed.set(at, fresh(next as AssigneeKind, ed.model))}
            />
            {"role" in assignee && (
              <>
                <SelectField
                  label={w("byRole")}
                  value={assignee.role}
                  options={roles}
                  readOnly={ed.readOnly}
                  errors={errors}
                  onChange={(role) => ed.set([...at, "role"], role)}
                />
                <SelectField
                  label={w("distribution")}
                  value={assignee.distribution ?? "all"}
                  readOnly={ed.readOnly}
                  options={[
                    { value: "all", label: w("distAll") },
                    { value: "round-robin", label: w("distRoundRobin") },
                    { value: "least-open", label: w("distLeastOpen") },
                  ]}
                  onChange={(next) =>
                    ed.set([...at, "distribution"], next === "all" ? undefined : next)
                  }
                />
              </>
            )}
            {"user" in assignee && (
              <TextField
                label={w("username")}
                value={assignee.user}
                readOnly={ed.readOnly}
                errors={errors}
                onChange={(user) => ed.set([...at, "user"], user)}
              />
            )}
            {"field" in assignee && (
              <TextField
                label={w("fieldPath")}
                value={assignee.field}
                list={fields}
                readOnly={ed.readOnly}
                errors={errors}
                onChange={(field) => ed.set([...at, "field"], field)}
              />
            )}
            {"expression" in assignee && (
              <JsonField
                label={w("byExpression")}
                value={assignee.expression}
                readOnly={ed.readOnly}
                errors={errors}
                onCommit={(expression) => ed.set([...at, "expression"], expression)}
              />
            )}
            {!ed.readOnly && (
              <button
                type="button"
                className="button small"
                aria-label={`${w("remove")} ${kindWord(kind, w)} ${k + 1}`}
                onClick={() => ed.set(at, undefined)}
              >
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
          onClick={() => ed.append(path, fresh("role", ed.model))}
        >
          {w("addAssignee")}
        </button>
      )}
    </fieldset>
  );
}
