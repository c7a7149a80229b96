import { WORKFLOW_VARIABLES } from "@loom/engine";
import { ExpressionEditor } from "../expressions/expression-editor.tsx";
import type { Editing } from "./assignee-editor.tsx";
import { useWorkflowWords } from "./workflow-words.ts";

/**
 * An edge's guard (`when`): conditions on the workflow's record, `$user` (who acts) and
 * `$requester` (who started the round), in the expression editor, checked as they are written.
 */
export function GuardField({
  ed,
  index,
  errors,
}: {
  ed: Editing;
  index: number;
  errors: readonly string[];
}) {
  const { w } = useWorkflowWords();
  return (
    <ExpressionEditor
      label={w("guard")}
      value={ed.def.edges[index]!.when}
      help={w("expressionHelp")}
      entity={ed.entity?.name}
      variables={WORKFLOW_VARIABLES}
      readOnly={ed.readOnly}
      errors={errors}
      onChange={(when) => ed.set(["edges", index, "when"], when)}
    />
  );
}
