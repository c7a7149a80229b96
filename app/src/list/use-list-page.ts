import type { Entity, JsonLogic } from "@loom/engine";
import { useEffect, useState } from "react";
import { api, query } from "../api/client.ts";
import type { ListPage } from "../api/types.ts";

export interface ListRequest {
  readonly entity: Entity;
  readonly columns: readonly string[];
  readonly sort: readonly { field: string; desc: boolean }[];
  readonly where: JsonLogic | undefined;
  readonly limit: number;
  /** null: the first page */
  readonly cursor: string | null;
  /** link columns whose target the user may read: shown by their title */
  readonly expand: readonly string[];
}

export type ListState =
  | { status: "loading"; previous: ListPage | null }
  | { status: "ready"; page: ListPage }
  | { status: "failed"; error: Error };

/**
 * One page of a list, read again when the request changes; the previous page stays on screen
 * while the next one loads (no layout jump). The count comes with the first page only.
 */
export function useListPage(request: ListRequest): ListState {
  const [state, setState] = useState<ListState>({ status: "loading", previous: null });
  const [count, setCount] = useState<number | undefined>(undefined);
  const key = JSON.stringify({ ...request, entity: request.entity.name });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the request
  useEffect(() => {
    const controller = new AbortController();
    setState((now) => ({
      status: "loading",
      previous: now.status === "ready" ? now.page : now.status === "loading" ? now.previous : null,
    }));
    const first = request.cursor === null;
    const fields = new Set([request.entity.titleField, ...request.columns]);
    fields.delete("id");
    api<ListPage>(
      `/api/data/${request.entity.name}${query({
        fields: [...fields].join(","),
        sort: sortParam(request.sort),
        where: request.where === undefined ? undefined : JSON.stringify(request.where),
        limit: request.limit,
        cursor: request.cursor ?? undefined,
        expand: request.expand.join(","),
        count: first ? true : undefined,
      })}`,
      { signal: controller.signal },
    ).then(
      (page) => {
        if (first) setCount(page.count);
        setState({ status: "ready", page });
      },
      (error: Error) => {
        if (error.name !== "AbortError") setState({ status: "failed", error });
      },
    );
    return () => controller.abort();
  }, [key]);
  if (state.status === "ready" && state.page.count === undefined && count !== undefined)
    return { status: "ready", page: { ...state.page, count } };
  return state;
}

/** A sort as the API's `sort` parameter: `-` before a descending field. */
export function sortParam(sort: readonly { field: string; desc: boolean }[]): string {
  return sort.map((s) => (s.desc ? `-${s.field}` : s.field)).join(",");
}
