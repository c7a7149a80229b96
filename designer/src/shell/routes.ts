import { BASE } from "@loom/app/router";

/** The designer's pages, parsed from the path after BASE (`/designer`). */
export type DesignerRoute =
  | { readonly page: "entities"; readonly entity: string | null }
  | { readonly page: "revisions"; readonly id: number | null }
  | { readonly page: "workflows"; readonly name: string | null }
  | { readonly page: "not-found" };

export function parseDesignerRoute(pathname: string): DesignerRoute {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const [first, second, ...rest] = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (rest.length > 0) return { page: "not-found" };
  if (first === undefined || (first === "entities" && second === undefined))
    return { page: "entities", entity: null };
  if (first === "entities") return { page: "entities", entity: second! };
  if (first === "workflows") return { page: "workflows", name: second ?? null };
  if (first === "revisions" && second === undefined) return { page: "revisions", id: null };
  if (first === "revisions" && /^[1-9][0-9]*$/.test(second!))
    return { page: "revisions", id: Number(second) };
  return { page: "not-found" };
}

export const designerPaths = {
  entities: (entity?: string) =>
    entity === undefined ? `${BASE}/entities` : `${BASE}/entities/${encodeURIComponent(entity)}`,
  revisions: (id?: number) => (id === undefined ? `${BASE}/revisions` : `${BASE}/revisions/${id}`),
};
