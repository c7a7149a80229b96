import {
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  useCallback,
  useSyncExternalStore,
} from "react";

/** Where the app is served; every route is under it (vite's `base`). */
export const BASE = import.meta.env.BASE_URL.replace(/\/$/, "");

/** The app's pages, parsed from the path after BASE. */
export type Route =
  | { page: "home" }
  | { page: "login" }
  | { page: "password" }
  | { page: "inbox" }
  | { page: "list"; view: string }
  | { page: "report"; name: string }
  | { page: "dashboard"; name: string }
  | { page: "record"; entity: string; id: string | null }
  | { page: "not-found" };

export function parseRoute(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const [first, second, third] = parts;
  if (parts.length === 0) return { page: "home" };
  if (first === "login" && parts.length === 1) return { page: "login" };
  if (first === "password" && parts.length === 1) return { page: "password" };
  if (first === "inbox" && parts.length === 1) return { page: "inbox" };
  if (first === "list" && second && parts.length === 2) return { page: "list", view: second };
  if (first === "reports" && second && parts.length === 2) return { page: "report", name: second };
  if (first === "dashboards" && second && parts.length === 2)
    return { page: "dashboard", name: second };
  if (first === "record" && second && third && parts.length === 3)
    return { page: "record", entity: second, id: third === "new" ? null : third };
  return { page: "not-found" };
}

export const paths = {
  home: () => `${BASE}/`,
  login: () => `${BASE}/login`,
  password: () => `${BASE}/password`,
  inbox: () => `${BASE}/inbox`,
  /**
   * a view's list; `where` (json-logic) narrows it, as a report's drill-down does, and `what`
   * says in words what it narrows to ("Sales by Month: Mar 2026")
   */
  list: (view: string, where?: unknown, what?: string) =>
    `${BASE}/list/${encodeURIComponent(view)}${
      where === undefined
        ? ""
        : `?where=${encodeURIComponent(JSON.stringify(where))}${
            what ? `&what=${encodeURIComponent(what)}` : ""
          }`
    }`,
  /** a report; `search` carries its parameters (`?from=2026-01-01`) */
  report: (name: string, search = "") => `${BASE}/reports/${encodeURIComponent(name)}${search}`,
  dashboard: (name: string, search = "") =>
    `${BASE}/dashboards/${encodeURIComponent(name)}${search}`,
  record: (entity: string, id: string | null) =>
    `${BASE}/record/${encodeURIComponent(entity)}/${id === null ? "new" : encodeURIComponent(id)}`,
};

const listeners = new Set<() => void>();
let navigated = false;
window.addEventListener("popstate", () => {
  navigated = true;
  for (const listener of listeners) listener();
});

/**
 * Has the app changed its page since it loaded (a link, back or forward, a redirect)? A page
 * takes the focus to its heading only then: on a fresh load the Tab key starts at the top, with
 * "Skip to content".
 */
export function hasNavigated(): boolean {
  return navigated;
}

/** A change of page that keeps the address counts too: signing in on a page's own address. */
export function noteNavigation(): void {
  navigated = true;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  navigated = true;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current location (path and query), re-rendering on navigation. */
export function useLocation(): { pathname: string; search: string } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search);
  const url = new URL(href, location.origin);
  return { pathname: url.pathname, search: url.search };
}

/** An anchor that navigates inside the app (a modified click still opens a new tab). */
export function Link({
  to,
  children,
  ...rest
}: { to: string; children: ReactNode } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  const onClick = useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
        return;
      event.preventDefault();
      navigate(to);
    },
    [to],
  );
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
