import { actionsAt, type Workflow } from "@loom/engine";
import { HttpError } from "../server/http-error.ts";

/** 409 `action-not-available`: the action does not leave the node the record rests at. */
export function actionNotAvailable(
  workflow: Workflow,
  node: string,
  request: { entity: string; recordId: string; action: string },
): HttpError {
  return new HttpError(
    409,
    "action-not-available",
    `${request.action} is not an action of ${request.entity} ${request.recordId} at ${node}`,
    [],
    { node, actions: actionsAt(workflow, node) },
  );
}
