import { useMemo } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { useReportCatalog } from "../reports/use-report-catalog.ts";
import { Link, paths, useLocation } from "../router/router.tsx";
import { useReady } from "../session/session.tsx";
import { useInbox } from "../workflow/use-inbox.tsx";
import { navModules } from "./nav-entries.ts";

/**
 * The menu's modules with their lists, dashboards and reports, and "My tasks" with the number
 * of open tasks.
 */
export function AppNav() {
  const { model } = useReady();
  const { t, label } = useLanguage();
  const { tasks } = useInbox();
  const { pathname } = useLocation();
  const catalog = useReportCatalog();
  const modules = useMemo(() => navModules(model, catalog), [model, catalog]);
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
      {modules.map((module) => (
        <div key={module.id} className="nav-module">
          <h2 className="nav-heading">
            {module.labels ? label(module.labels, module.id) : t("dashboards")}
          </h2>
          <ul>
            {module.entries.map((entry) => (
              <li key={entry.key}>
                <Link className="nav-link" to={entry.to} aria-current={current(entry.to)}>
                  {label(entry.labels, entry.fallback)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
