import type { Issue } from "@loom/engine";
import {
  Background,
  type Connection,
  Controls,
  type EdgeChange,
  MarkerType,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import "./workflow.css";
import type { JSONPath } from "jsonc-parser";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { Editing } from "./assignee-editor.tsx";
import { firstRole } from "./assignee-editor.tsx";
import { EdgePanel } from "./edge-panel.tsx";
import { freshEffect } from "./effects-editor.tsx";
import { edgeTypes, nodeTypes } from "./graph-views.tsx";
import { NodePanel, setLabel } from "./node-panel.tsx";
import { LabelsFields } from "./panel-fields.tsx";
import { labelIn, NODE_KINDS, type NodeKind, readWorkflow } from "./workflow-doc.ts";
import {
  addNode,
  appendIn,
  connect,
  moveNodes,
  type Point,
  removeEdges,
  removeNodes,
  renameNode,
  setIn,
} from "./workflow-edits.ts";
import { type Direction, type FlowEdge, type FlowNode, MISSING, toFlow } from "./workflow-graph.ts";
import { placeIssues } from "./workflow-issues.ts";
import { layoutWorkflow, placeUnpositioned } from "./workflow-layout.ts";
import { stateFieldsOf, type WorkflowModel } from "./workflow-model.ts";
import { labelsOf, useWorkflowWords, type WorkflowWord } from "./workflow-words.ts";

export interface WorkflowDesignerProps {
  /** the workflow file's text as it is now */
  readonly text: string;
  /** receives the file's next text after each edit; absent, the workflow is shown read-only */
  readonly onChange?: (next: string) => void;
  /** the engine's issues of this file (their `path` a JSON pointer into it) */
  readonly issues: readonly Issue[];
  /** entities, fields and roles of the draft and the packages it builds on */
  readonly model: WorkflowModel;
}

const FIT = { padding: 0.15, maxZoom: 1.2 } as const;

type Selection = { kind: "node"; id: string } | { kind: "edge"; index: number } | null;

const ADD_WORDS: Readonly<Record<NodeKind, WorkflowWord>> = {
  state: "addState",
  approval: "addApproval",
  decision: "addDecision",
  action: "addAction",
};

const KIND_LABELS: Readonly<Record<NodeKind, WorkflowWord>> = {
  state: "kindState",
  approval: "kindApproval",
  decision: "kindDecision",
  action: "kindAction",
};

/**
 * The workflow designer: the graph on a canvas (@xyflow/react), a palette that adds nodes, a
 * side panel editing the selected node or edge, automatic layout; the engine's problems on the
 * nodes and edges they are about. Every edit gives the file's next text to `onChange`.
 */
export function WorkflowDesigner(props: WorkflowDesignerProps) {
  return (
    <ReactFlowProvider>
      <Designer {...props} />
    </ReactFlowProvider>
  );
}

function Designer({ text, onChange, issues, model }: WorkflowDesignerProps) {
  const { w, language } = useWorkflowWords();
  const flowApi = useReactFlow<FlowNode, FlowEdge>();
  const readOnly = onChange === undefined;
  const def = useMemo(() => readWorkflow(text), [text]);
  const placed = useMemo(() => placeIssues(issues), [issues]);
  const [direction, setDirection] = useState<Direction>("RIGHT");
  const [selection, setSelection] = useState<Selection>(null);
  const [fallback, setFallback] = useState<Record<string, Point>>({});
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [dragged, setDragged] = useState<Record<string, Point>>({});
  const paneRef = useRef<HTMLDivElement>(null);
  // after a layout, the view fits the nodes once they are drawn where it put them
  const [fitPending, setFitPending] = useState(false);

  // several writes in one event (a checkbox that also clears a guard) build on each other
  const latest = useRef(text);
  latest.current = text;
  const edit = useCallback(
    (change: (text: string) => string) => {
      if (!onChange) return;
      const next = change(latest.current);
      if (next === latest.current) return;
      latest.current = next;
      onChange(next);
    },
    [onChange],
  );

  useEffect(() => {
    if (!def) return;
    let live = true;
    void placeUnpositioned(def, direction).then((at) => live && setFallback(at));
    return () => {
      live = false;
    };
  }, [def, direction]);

  const flow = useMemo(
    () => (def ? toFlow(def, placed, language, fallback, direction) : { nodes: [], edges: [] }),
    [def, placed, language, fallback, direction],
  );
  const nodes = useMemo(
    () =>
      flow.nodes.map((node) => ({
        ...node,
        position: dragged[node.id] ?? node.position,
        measured: measured[node.id],
        selected: selection?.kind === "node" && selection.id === node.id,
      })),
    [flow.nodes, dragged, measured, selection],
  );
  useEffect(() => {
    if (!fitPending) return;
    setFitPending(false);
    requestAnimationFrame(() => void flowApi.fitView({ ...FIT, duration: 200 }));
  }, [fitPending, flowApi]);
  const edges = useMemo(
    () =>
      flow.edges.map((edge) => ({
        ...edge,
        selected: selection?.kind === "edge" && selection.index === edge.data?.index,
      })),
    [flow.edges, selection],
  );
  const nodeIdOf = useCallback(
    (canvasId: string) => flow.nodes.find((n) => n.id === canvasId)?.data.nodeId,
    [flow.nodes],
  );

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    const sizes: Record<string, { width: number; height: number }> = {};
    const moved: Record<string, Point> = {};
    for (const change of changes) {
      if (change.type === "dimensions" && change.dimensions) sizes[change.id] = change.dimensions;
      if (change.type === "position" && change.position) moved[change.id] = change.position;
      if (change.type === "select")
        setSelection((now) =>
          change.selected
            ? { kind: "node", id: change.id }
            : now?.kind === "node" && now.id === change.id
              ? null
              : now,
        );
    }
    if (Object.keys(sizes).length > 0) setMeasured((now) => ({ ...now, ...sizes }));
    if (Object.keys(moved).length > 0) setDragged((now) => ({ ...now, ...moved }));
  }, []);

  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    for (const change of changes) {
      if (change.type !== "select") continue;
      const index = Number(change.id.slice("edge-".length));
      setSelection((now) =>
        change.selected
          ? { kind: "edge", index }
          : now?.kind === "edge" && now.index === index
            ? null
            : now,
      );
    }
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: FlowNode, moved: FlowNode[]) => {
      edit((t) => moveNodes(t, Object.fromEntries(moved.map((n) => [n.id, n.position]))));
      setDragged({});
    },
    [edit],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      const from = nodeIdOf(connection.source);
      const to = nodeIdOf(connection.target);
      if (from === undefined || to === undefined || connection.target.startsWith(MISSING)) return;
      let index = -1;
      edit((t) => {
        const made = connect(t, from, to);
        index = made.index;
        return made.text;
      });
      if (index >= 0) setSelection({ kind: "edge", index });
    },
    [edit, nodeIdOf],
  );

  const deleteItems = useCallback(
    (canvasNodes: readonly string[], edgeIndexes: readonly number[]) => {
      const ids = canvasNodes.flatMap((id) => {
        const nodeId = id.startsWith(MISSING) ? undefined : nodeIdOf(id);
        return nodeId === undefined ? [] : [nodeId];
      });
      edit((t) => removeNodes(removeEdges(t, edgeIndexes), ids));
      setSelection(null);
    },
    [edit, nodeIdOf],
  );

  const entity = model.entities.find((e) => e.name === def?.entity);
  const stateOptions = stateFieldsOf(entity).find((f) => f.name === def?.stateField)?.options ?? [];
  const added = useRef(0);
  const add = (kind: NodeKind) => {
    const box = paneRef.current?.getBoundingClientRect();
    const shift = (added.current++ % 6) * 24;
    const center = box
      ? flowApi.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
      : { x: 0, y: 0 };
    let id = "";
    edit((t) => {
      const made = addNode(
        t,
        kind,
        { x: center.x - 80 + shift, y: center.y - 30 + shift },
        {
          labels: labelsOf(KIND_LABELS[kind]),
          stateOptions,
          assignee: { role: firstRole(model) },
          effect: freshEffect("notify"),
        },
      );
      id = made.id;
      return made.text;
    });
    if (id) setSelection({ kind: "node", id });
  };

  const autoLayout = async (towards: Direction) => {
    if (!def) return;
    setDirection(towards);
    const at = await layoutWorkflow(def, towards);
    edit((t) => moveNodes(t, at));
    setDragged({});
    setFitPending(true);
  };

  if (!def)
    return (
      <p role="alert" className="error-box">
        {w("notJson")}
      </p>
    );

  const ed: Editing = {
    def,
    issues,
    model,
    entity,
    readOnly,
    set: (path: JSONPath, value: unknown) => edit((t) => setIn(t, path, value)),
    append: (path: JSONPath, value: unknown) => edit((t) => appendIn(t, path, value)),
  };
  const selectedNode =
    selection?.kind === "node" ? flow.nodes.find((n) => n.id === selection.id) : undefined;
  const selectedEdge = selection?.kind === "edge" ? def.edges[selection.index] : undefined;

  return (
    <div className="wf-designer">
      <div className="wf-toolbar" role="toolbar" aria-label={w("palette")}>
        {!readOnly && (
          <div className="wf-palette">
            <span className="wf-toolbar-label">{w("palette")}:</span>
            {NODE_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                className={`button small wf-add wf-add-${kind}`}
                data-testid={`wf-add-${kind}`}
                onClick={() => add(kind)}
              >
                + {w(ADD_WORDS[kind])}
              </button>
            ))}
          </div>
        )}
        {!readOnly && (
          <div className="wf-palette">
            <button type="button" className="button small" onClick={() => void autoLayout("RIGHT")}>
              {w("autoLayout")}: {w("layoutRight")}
            </button>
            <button type="button" className="button small" onClick={() => void autoLayout("DOWN")}>
              {w("autoLayout")}: {w("layoutDown")}
            </button>
          </div>
        )}
      </div>
      {placed.workflow.length > 0 && (
        <div role="alert" className="banner warn wf-problems" data-testid="wf-workflow-issues">
          <strong>{w("workflowProblems")}</strong>
          <ul>
            {placed.workflow.map((issue) => (
              <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="wf-main">
        <section className="wf-canvas" ref={paneRef} aria-label={w("canvas")}>
          <ReactFlow<FlowNode, FlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onNodeDragStop={onNodeDragStop}
            onConnect={onConnect}
            onDelete={({ nodes: gone, edges: cut }) =>
              deleteItems(
                gone.map((n) => n.id),
                cut.flatMap((e) => (e.data ? [e.data.index] : [])),
              )
            }
            deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
            nodesDraggable={!readOnly}
            nodesConnectable={!readOnly}
            defaultEdgeOptions={{
              markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
            }}
            fitView
            fitViewOptions={FIT}
            minZoom={0.2}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </section>
        <aside
          className="wf-panel"
          aria-label={panelTitle(w, selectedNode?.data.nodeId, selectedEdge?.id)}
        >
          {selectedNode && selectedNode.data.index >= 0 ? (
            <>
              <PanelHeader
                title={w("panelNode", { id: selectedNode.data.nodeId })}
                issues={placed.nodes.get(selectedNode.data.index) ?? []}
                onDelete={readOnly ? undefined : () => deleteItems([selectedNode.id], [])}
              />
              <NodePanel
                key={selectedNode.data.index}
                ed={ed}
                index={selectedNode.data.index}
                onRename={(next) => {
                  edit((t) => renameNode(t, selectedNode.data.index, next));
                  setSelection({ kind: "node", id: next });
                }}
              />
            </>
          ) : selectedEdge && selection?.kind === "edge" ? (
            <>
              <PanelHeader
                title={w("panelEdge", { id: selectedEdge.id })}
                issues={placed.edges.get(selection.index) ?? []}
                onDelete={readOnly ? undefined : () => deleteItems([], [selection.index])}
              />
              <EdgePanel key={selection.index} ed={ed} index={selection.index} />
            </>
          ) : (
            <>
              <h2 className="wf-panel-title">{labelIn(def.labels, language) ?? def.name}</h2>
              <p className="hint">{w("entityOf", { entity: def.entity, field: def.stateField })}</p>
              <LabelsFields
                labels={def.labels}
                enLabel={w("labelEn")}
                zhLabel={w("labelZh")}
                readOnly={readOnly}
                onChange={(lang, value) => setLabel(ed, ["labels"], lang, value)}
              />
              <p className="note">{w("panelNothing")}</p>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}

function panelTitle(
  w: ReturnType<typeof useWorkflowWords>["w"],
  node: string | undefined,
  edge: string | undefined,
): string {
  if (node !== undefined) return w("panelNode", { id: node });
  if (edge !== undefined) return w("panelEdge", { id: edge });
  return w("workflowsTitle");
}

function PanelHeader({
  title,
  issues,
  onDelete,
}: {
  title: string;
  issues: readonly Issue[];
  onDelete: (() => void) | undefined;
}) {
  const { w } = useWorkflowWords();
  return (
    <>
      <div className="wf-panel-head">
        <h2 className="wf-panel-title">{title}</h2>
        {onDelete && (
          <button type="button" className="button small danger" onClick={onDelete}>
            {w("deleteSelected")}
          </button>
        )}
      </div>
      {issues.length > 0 && (
        <ul className="wf-panel-issues" data-testid="wf-panel-issues">
          {issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>{issue.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}
