import { BASE } from "@loom/app/router";

/** The designer's pages, parsed from the path after BASE (`/designer`). */
export type DesignerRoute =
  | { readonly page: "entities"; readonly entity: string | null }
  | { readonly page: "revisions"; readonly id: number | null }
  | { readonly page: "workflows"; readonly name: string | null }
  | { readonly page: "forms"; readonly entity: string | null }
  | { readonly page: "roles"; readonly role: string | null }
  | { readonly page: "json"; readonly file: string | null; readonly package: string | null }
  | { readonly page: "packages" }
  | { readonly page: "reports"; readonly name: string | null }
  | { readonly page: "dashboards"; readonly name: string | null }
  | { readonly page: "not-found" };

export function parseDesignerRoute(pathname: string, search = ""): DesignerRoute {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const [first, second, ...rest] = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (first === "json")
    return {
      page: "json",
      file: second === undefined ? null : `${[second, ...rest].join("/")}.json`,
      package: new URLSearchParams(search).get("package"),
    };
  if (rest.length > 0) return { page: "not-found" };
  if (first === undefined || (first === "entities" && second === undefined))
    return { page: "entities", entity: null };
  if (first === "entities") return { page: "entities", entity: second! };
  if (first === "workflows") return { page: "workflows", name: second ?? null };
  if (first === "forms") return { page: "forms", entity: second ?? null };
  if (first === "roles") return { page: "roles", role: second ?? null };
  if (first === "reports") return { page: "reports", name: second ?? null };
  if (first === "dashboards") return { page: "dashboards", name: second ?? null };
  if (first === "packages" && second === undefined) return { page: "packages" };
  if (first === "revisions" && second === undefined) return { page: "revisions", id: null };
  if (first === "revisions" && /^[1-9][0-9]*$/.test(second!))
    return { page: "revisions", id: Number(second) };
  return { page: "not-found" };
}

export const designerPaths = {
  /**
   * A file of the draft's package (`pkg`: of a package it builds on) in the JSON view. The address
   * leaves out the `.json` every package file ends in: the server answers an address with a file
   * ending as a missing asset, so the page could not be reloaded.
   */
  json: (file?: string, pkg?: string) =>
    file === undefined
      ? `${BASE}/json`
      : `${BASE}/json/${file
          .replace(/\.json$/, "")
          .split("/")
          .map(encodeURIComponent)
          .join("/")}${pkg === undefined ? "" : `?package=${encodeURIComponent(pkg)}`}`,
  entities: (entity?: string) =>
    entity === undefined ? `${BASE}/entities` : `${BASE}/entities/${encodeURIComponent(entity)}`,
  forms: (entity?: string) =>
    entity === undefined ? `${BASE}/forms` : `${BASE}/forms/${encodeURIComponent(entity)}`,
  packages: () => `${BASE}/packages`,
  reports: (name?: string) =>
    name === undefined ? `${BASE}/reports` : `${BASE}/reports/${encodeURIComponent(name)}`,
  dashboards: (name?: string) =>
    name === undefined ? `${BASE}/dashboards` : `${BASE}/dashboards/${encodeURIComponent(name)}`,
  revisions: (id?: number) => (id === undefined ? `${BASE}/revisions` : `${BASE}/revisions/${id}`),
  roles: (role?: string) =>
    role === undefined ? `${BASE}/roles` : `${BASE}/roles/${encodeURIComponent(role)}`,
};
