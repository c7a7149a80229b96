import { useMemo } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { menuOf, viewOfItem } from "../meta/lookups.ts";
import { Link, paths, useLocation } from "../router/router.tsx";
import { useReady } from "../session/session.tsx";
import { useInbox } from "../workflow/use-inbox.tsx";

/** The menu's modules and their lists, and "My tasks" with the number of open tasks. */
export function AppNav() {
  const { model } = useReady();
  const { t, label } = useLanguage();
  const { tasks } = useInbox();
  const { pathname } = useLocation();
  const menu = useMemo(() => menuOf(model), [model]);
  const current = (to: string) => (pathname === to ? "page" : undefined);
  return (
    <nav className="app-nav" aria-label={t("records")}>
      <Link className="nav-link tasks" to={paths.inbox()} aria-current={current(paths.inbox())}>
        {t("myTasks")}
        {tasks !== null && tasks.length > 0 && (
          <span className="badge" data-testid="task-count">
            {tasks.length}
          </span>
        )}
      </Link>
      {menu.modules.map((module) => (
        <div key={module.id} className="nav-module">
          <h2 className="nav-heading">{label(module.labels, module.id)}</h2>
          <ul>
            {module.items.map((item) => {
              const view = model.views[viewOfItem(item)]!;
              const to = paths.list(view.name);
              return (
                <li key={view.name}>
                  <Link className="nav-link" to={to} aria-current={current(to)}>
                    {label(view.labels, view.name)}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
