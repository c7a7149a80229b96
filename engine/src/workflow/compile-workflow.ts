import type { Entity, Origin } from "../model/app-model.ts";
import { checksum } from "../model/checksum.ts";
import { isResting, lifecycleOf } from "./nodes.ts";
import type {
  ApprovalNodeDef,
  EditableFields,
  Lifecycle,
  StateNodeDef,
  Workflow,
  WorkflowDef,
  WorkflowNode,
} from "./types.ts";

/**
 * A checked workflow → its compiled form: defaults made explicit (editable fields as names,
 * lifecycles on submittable entities, approval mode and self-approval), the initial node, and
 * the version: sha256 of everything but the origin and the designer's node positions, so moving
 * a node on the canvas is not a new version but any change of behaviour or wording is.
 */
export function compileWorkflow(def: WorkflowDef, entity: Entity, origin: Origin): Workflow {
  const writable = entity.fields
    .filter((f) => !f.readOnly && f.name !== def.stateField)
    .map((f) => f.name);
  const nodes: Record<string, WorkflowNode> = {};
  for (const node of copyJson(def.nodes)) {
    nodes[node.id] = isResting(node) ? resolveRest(node, entity, writable) : node;
  }
  const initial = def.nodes.find((n) => n.type === "state" && n.initial === true)!.id;
  const body = {
    name: def.name,
    labels: copyJson(def.labels),
    ...(def.description && { description: copyJson(def.description) }),
    entity: def.entity,
    stateField: def.stateField,
  };
  const behaviour = {
    initial,
    nodes,
    edges: copyJson(def.edges),
    migrate: { ...def.migrate },
  };
  const version = checksum({ ...body, ...behaviour, nodes: withoutPositions(nodes) });
  return { ...body, version, ...behaviour, origin };
}

function resolveRest(
  node: StateNodeDef | ApprovalNodeDef,
  entity: Entity,
  writable: readonly string[],
): WorkflowNode {
  const lifecycle = entity.submittable ? lifecycleOf(node) : undefined;
  const spec = node.editable ?? defaultEditable(node, lifecycle, entity);
  const editable = spec === "all" ? [...writable] : spec === "none" ? [] : [...spec];
  const { editable: _editable, lifecycle: _lifecycle, ...rest } = node;
  const resolved = { ...rest, editable, ...(lifecycle && { lifecycle }) };
  if (resolved.type === "state") return resolved;
  return {
    ...resolved,
    mode: resolved.mode ?? "any",
    selfApproval: resolved.selfApproval ?? false,
  };
}

/** All where a draft is written, the after-submit fields once submitted, nothing after that. */
function defaultEditable(
  node: StateNodeDef | ApprovalNodeDef,
  lifecycle: Lifecycle | undefined,
  entity: Entity,
): EditableFields {
  if (lifecycle === "draft") return "all";
  if (lifecycle === "submitted") return [...(entity.submittable?.editableAfterSubmit ?? [])];
  if (lifecycle === "cancelled") return "none";
  return node.type === "state" && node.initial === true ? "all" : "none";
}

function withoutPositions(nodes: Readonly<Record<string, WorkflowNode>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(nodes).map(([id, { position: _position, ...node }]) => [id, node]),
  );
}

/** The compiled model is frozen; the loaded package's own objects are not the model's to freeze. */
function copyJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
