import type { Editing } from "./assignee-editor.tsx";
import { GuardField } from "./guard-field.tsx";
import { setLabel } from "./node-panel.tsx";
import { CheckField, CommitField, LabelsFields, messagesAt } from "./panel-fields.tsx";
import { labelIn } from "./workflow-doc.ts";
import { KNOWN_ACTIONS } from "./workflow-edits.ts";
import { useWorkflowWords } from "./workflow-words.ts";

/**
 * The selected edge, by what it leaves: from a state or approval node a user action (its name,
 * button labels, who may take it, a guard, requester, comment); from a decision a route (guard or
 * else); from an action node the way on (labels only).
 */
export function EdgePanel({ ed, index }: { ed: Editing; index: number }) {
  const { w, language } = useWorkflowWords();
  const edge = ed.def.edges[index]!;
  const path = ["edges", index];
  const errors = (prop: string) => messagesAt(ed.issues, `/edges/${index}/${prop}`);
  const from = ed.def.nodes.find((n) => n.id === edge.from);
  const ids = ed.def.nodes.map((n) => n.id);
  const userAction = from === undefined || from.type === "state" || from.type === "approval";
  return (
    <>
      <CommitField
        label={w("nodeId")}
        value={edge.id}
        readOnly={ed.readOnly}
        errors={errors("id")}
        onCommit={(id) => ed.set([...path, "id"], id)}
      />
      <div className="wf-pair">
        <CommitField
          label={w("from")}
          value={edge.from}
          list={ids}
          readOnly={ed.readOnly}
          errors={errors("from")}
          onCommit={(id) => ed.set([...path, "from"], id)}
        />
        <CommitField
          label={w("to")}
          value={edge.to}
          list={ids}
          readOnly={ed.readOnly}
          errors={errors("to")}
          onCommit={(id) => ed.set([...path, "to"], id)}
        />
      </div>
      {from?.type === "decision" && <p className="hint">{w("routeOf", { id: from.id })}</p>}
      {from?.type === "action" && <p className="hint">{w("nextOf", { id: from.id })}</p>}
      {userAction && (
        <CommitField
          label={w("action")}
          value={edge.action ?? ""}
          list={Object.keys(KNOWN_ACTIONS)}
          readOnly={ed.readOnly}
          errors={errors("action")}
          onCommit={(action) => {
            ed.set([...path, "action"], action || undefined);
            if (!edge.labels && KNOWN_ACTIONS[action])
              ed.set([...path, "labels"], KNOWN_ACTIONS[action]);
          }}
        />
      )}
      <LabelsFields
        labels={edge.labels}
        enLabel={w("labelEn")}
        zhLabel={w("labelZh")}
        readOnly={ed.readOnly}
        errors={errors("labels")}
        onChange={(language, text) => {
          if (language === "en" && text === "" && !edge.labels?.["zh-CN"])
            ed.set([...path, "labels"], undefined);
          else setLabel(ed, [...path, "labels"], language, text);
        }}
      />
      {from?.type === "decision" && (
        <CheckField
          label={w("elseRoute")}
          checked={edge.else === true}
          readOnly={ed.readOnly}
          errors={errors("else")}
          onChange={(on) => {
            ed.set([...path, "else"], on || undefined);
            if (on) ed.set([...path, "when"], undefined);
          }}
        />
      )}
      {from?.type !== "action" && edge.else !== true && (
        <GuardField ed={ed} index={index} errors={errors("when")} />
      )}
      {userAction && (
        <>
          <fieldset className="wf-group">
            <legend>{w("roles")}</legend>
            <p className="hint">{w("rolesHint")}</p>
            <div className="wf-checks">
              {ed.model.roles.map((role) => {
                const roles = edge.roles ?? [];
                const on = roles.includes(role.name);
                return (
                  <CheckField
                    key={role.name}
                    label={labelIn(role.labels ?? undefined, language) ?? role.name}
                    checked={on}
                    readOnly={ed.readOnly}
                    onChange={(next) => {
                      const list = next
                        ? [...roles, role.name]
                        : roles.filter((r) => r !== role.name);
                      ed.set([...path, "roles"], list.length > 0 ? list : undefined);
                    }}
                  />
                );
              })}
            </div>
            {messagesAt(ed.issues, `/edges/${index}/roles`).map((m) => (
              <p key={m} className="field-errors">
                {m}
              </p>
            ))}
          </fieldset>
          {from?.type === "approval" && (
            <CheckField
              label={w("requester")}
              checked={edge.requester === true}
              readOnly={ed.readOnly}
              errors={errors("requester")}
              onChange={(on) => ed.set([...path, "requester"], on || undefined)}
            />
          )}
          <CheckField
            label={w("commentRequired")}
            checked={edge.commentRequired === true}
            readOnly={ed.readOnly}
            errors={errors("commentRequired")}
            onChange={(on) => ed.set([...path, "commentRequired"], on || undefined)}
          />
        </>
      )}
    </>
  );
}
