import type { JsonLogic, Labels } from "../metadata/types.ts";
import type { Origin } from "../model/app-model.ts";

/**
 * A workflow as consultants write it (`workflows/<name>.json`, `schemas/workflow.schema.json`):
 * a graph bound to one document entity and a `select` field of it holding the state.
 *
 * The instance of a record always rests at a `state` or an `approval` node; `decision` and
 * `action` nodes are passed through automatically within the transition that reaches them.
 */
export interface WorkflowDef {
  kind: "workflow";
  name: string;
  labels: Labels;
  description?: Labels;
  /** a document entity (not a child entity); one workflow per entity */
  entity: string;
  /** a `select` field of the entity; every resting node names one of its option values */
  stateField: string;
  nodes: WorkflowNodeDef[];
  edges: WorkflowEdgeDef[];
  /**
   * Publishing a changed workflow leaves running instances on their version; instances resting at
   * a node named here are moved to this version, at the node it maps to.
   */
  migrate?: Record<string, string>;
}

export type WorkflowNodeDef = StateNodeDef | ApprovalNodeDef | DecisionNodeDef | ActionNodeDef;

interface NodeBase {
  /** unique within the workflow: `[a-z][a-z0-9_]*` */
  id: string;
  labels: Labels;
  /** where the designer draws it */
  position?: { x: number; y: number };
}

/** Which fields may be edited while the record rests at a node. */
export type EditableFields = "all" | "none" | string[];

/** The document lifecycle a resting node stands for (submittable entities). */
export type Lifecycle = "draft" | "submitted" | "cancelled";

export interface StateNodeDef extends NodeBase {
  type: "state";
  /** the value the state field takes here */
  state: string;
  /** exactly one state node is initial: new records start there */
  initial?: boolean;
  /** no way out; the process is over */
  final?: boolean;
  /**
   * default: "all" at the initial node, else "none"; for submittable entities by lifecycle: "all"
   * while draft, the entity's `editableAfterSubmit` fields while submitted, "none" once cancelled
   */
  editable?: EditableFields;
  /**
   * submittable entities only: the lifecycle status while here (default: draft at the initial
   * node, which is always draft, else submitted)
   */
  lifecycle?: Lifecycle;
}

/** Who receives the tasks of an approval. */
export type AssigneeDef =
  | { role: string; distribution?: "all" | "round-robin" | "least-open" }
  | { user: string }
  /**
   * a text field holding a username: of the record (`sales_person`), or of the record a link field
   * points to (`customer.account_manager`: one hop)
   */
  | { field: string }
  /**
   * json-logic over the record and `$requester` (the user who started this round) giving a
   * username or a list of them, e.g. `{ "var": "$requester.manager" }`. Every workflow expression
   * may read `$user.*` (the acting user) and `$requester.*`: `$user` comes from the evaluation
   * context, `$requester` from the data (`evaluate(expr, { ...record, $requester })`).
   */
  | { expression: JsonLogic };

export interface ApprovalNodeDef extends NodeBase {
  type: "approval";
  state: string;
  /** the union of these gives the assignees */
  assignees: AssigneeDef[];
  /**
   * When the node's `approve` edge fires: `any` (first approval), `all` (every assignee),
   * `{ quorum: n }` (n approvals). Any other action (reject, return) by one assignee fires at once.
   */
  mode?: "any" | "all" | { quorum: number };
  /** may the user who started the round approve it themselves? default false */
  selfApproval?: boolean;
  /** ISO 8601 duration (`PT48H`, `P2D`) after which the node escalates */
  sla?: {
    duration: string;
    /** new assignees added to the open tasks' holders (the old tasks stay open) */
    escalateTo?: AssigneeDef[];
    /** or: take this action of the node automatically (e.g. `approve`, `reject`) */
    action?: string;
  };
  editable?: EditableFields;
  lifecycle?: Lifecycle;
}

export interface DecisionNodeDef extends NodeBase {
  type: "decision";
}

/** A literal text, or the environment's value of a package parameter (read when it is used). */
export type TextOrParam = string | { param: string };

/** One effect of an action node. */
export type EffectDef =
  /** field → json-logic over the record (constants are json-logic too) */
  | { set: Record<string, JsonLogic> }
  /** a new record of another entity, its fields computed from this record */
  | { create: { entity: string; values: Record<string, JsonLogic> } }
  /** POST of the record to a URL, through the job queue, retried, with an idempotency key */
  | { webhook: { url: TextOrParam; headers?: Record<string, TextOrParam> } }
  /** an in-app notification to users */
  | { notify: { to: AssigneeDef[]; message: Labels } };

export interface ActionNodeDef extends NodeBase {
  type: "action";
  effects: EffectDef[];
}

/**
 * An edge. From a `state` or `approval` node it is a user action (`action` required): the user
 * takes it by name. From a `decision` node it is a route: `when` guards are tried in order and
 * exactly one edge has `else: true`. From an `action` node it is the single way on.
 */
export interface WorkflowEdgeDef {
  /** unique within the workflow; errors name it */
  id: string;
  from: string;
  to: string;
  /** submit, approve, reject, return, withdraw, … (`[a-z][a-z0-9_]*`) */
  action?: string;
  labels?: Labels;
  /**
   * json-logic over the record and `$user` (and `$requester`); on a user action the action is
   * refused (409) while false, on a decision's route the first true route (in file order) is taken
   */
  when?: JsonLogic;
  else?: boolean;
  /**
   * Who may take it. With `requester`: the requester alone (e.g. withdraw). Else, from a state
   * node: users with one of these roles, else users whose roles grant the workflow action on the
   * entity; from an approval node: the holders of an open task.
   */
  roles?: string[];
  requester?: boolean;
  /** a comment is required (e.g. reject) */
  commentRequired?: boolean;
}

// ---- compiled (AppModel.workflows[entity]) ----

export interface Workflow {
  readonly name: string;
  readonly labels: Labels;
  readonly description?: Labels;
  readonly entity: string;
  readonly stateField: string;
  /**
   * sha256 (hex) of the compiled definition, origin and node positions excluded (moving a node in
   * the designer is not a new version): instances remember the version they run
   */
  readonly version: string;
  readonly initial: string;
  /** node id → node, in file order; resting nodes with `editable` (and `lifecycle`) resolved */
  readonly nodes: Readonly<Record<string, WorkflowNode>>;
  readonly edges: readonly WorkflowEdge[];
  /** `{}` when the file has none */
  readonly migrate: Readonly<Record<string, string>>;
  /** the workflow file; for the built-in lifecycle of a submittable entity, the entity's file */
  readonly origin: Origin;
}

export type WorkflowNode =
  | (Readonly<Omit<StateNodeDef, "editable" | "lifecycle">> & ResolvedRest)
  | (Readonly<Omit<ApprovalNodeDef, "editable" | "lifecycle" | "mode">> &
      ResolvedRest & {
        readonly mode: "any" | "all" | { readonly quorum: number };
        readonly selfApproval: boolean;
      })
  | Readonly<DecisionNodeDef>
  | Readonly<ActionNodeDef>;

/** What every resting node has after compilation: defaults made explicit. */
interface ResolvedRest {
  /**
   * the field names editable while resting here ("all": every field that is not read-only, the
   * state field excepted)
   */
  readonly editable: readonly string[];
  /** present exactly when the entity is submittable */
  readonly lifecycle?: Lifecycle;
}

export type WorkflowEdge = Readonly<WorkflowEdgeDef>;
