import type { AppModel, Entity } from "@loom/engine";
import { useCallback, useEffect, useState } from "react";
import { api, query } from "../api/client.ts";
import type { JsonRecord, WorkflowStatus } from "../api/types.ts";
import { collapseLinks, type LinkTitles } from "./link-titles.ts";

/** The link fields of an entity and of its lines whose targets the user may read. */
export function readableLinks(model: AppModel, entity: Entity): { path: string; target: string }[] {
  const links: { path: string; target: string }[] = [];
  for (const field of entity.fields) {
    if (field.type === "link" && field.target && model.entities[field.target])
      links.push({ path: field.name, target: field.target });
    const line = field.type === "table" && field.target ? model.entities[field.target] : undefined;
    for (const inner of line?.fields ?? [])
      if (inner.type === "link" && inner.target && model.entities[inner.target])
        links.push({ path: `${field.name}.${inner.name}`, target: inner.target });
  }
  return links;
}

/** A record read with its links' titles (kept in `titles`), links as ids. */
export async function readRecord(
  model: AppModel,
  entity: Entity,
  id: string,
  titles: LinkTitles,
): Promise<JsonRecord> {
  const links = readableLinks(model, entity);
  const expand = links.map((l) => l.path).join(",");
  const record = await api<JsonRecord>(
    `/api/data/${entity.name}/${encodeURIComponent(id)}${query({ expand })}`,
  );
  return collapseLinks(record, links, titles);
}

export type Loaded<T> =
  | { status: "loading" }
  | { status: "ready"; value: T }
  | { status: "failed"; error: Error };

/** Where the record is in its workflow; `reload` after an action or a save. */
export function useWorkflowStatus(
  entity: string,
  id: string | null,
  hasWorkflow: boolean,
): { state: Loaded<WorkflowStatus | null>; reload(): void } {
  const [state, setState] = useState<Loaded<WorkflowStatus | null>>({ status: "loading" });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` asks for a fresh read
  useEffect(() => {
    if (!hasWorkflow || id === null) {
      setState({ status: "ready", value: null });
      return;
    }
    let live = true;
    api<WorkflowStatus>(`/api/workflow/${entity}/${encodeURIComponent(id)}`).then(
      (value) => live && setState({ status: "ready", value }),
      (error: Error) => live && setState({ status: "failed", error }),
    );
    return () => {
      live = false;
    };
  }, [entity, id, hasWorkflow, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { state, reload };
}
