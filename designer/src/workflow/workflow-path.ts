import { BASE } from "@loom/app/router";

/** The workflows page, or one workflow on it (a module of its own: the page's chunk loads lazily). */
export function workflowPath(name?: string): string {
  return name === undefined ? `${BASE}/workflows` : `${BASE}/workflows/${encodeURIComponent(name)}`;
}
