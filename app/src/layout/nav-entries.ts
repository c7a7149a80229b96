import type { AppModel, Labels, MenuItem } from "@loom/engine";
import { viewOfItem } from "../meta/lookups.ts";
import type { ReportCatalog } from "../reports/report-api.ts";
import { paths } from "../router/router.tsx";

/** A link of the navigation: a list, a dashboard or a report. */
export interface NavEntry {
  readonly key: string;
  readonly to: string;
  readonly labels: Labels | undefined;
  readonly fallback: string;
}

export interface NavModule {
  readonly id: string;
  /** absent: the app's own "Dashboards" module, headed by the dictionary */
  readonly labels?: Labels;
  readonly entries: readonly NavEntry[];
}

/**
 * The menu's modules as links the user can follow: lists of views they may read, dashboards and
 * reports they may run (the catalog lists those). When no menu names a dashboard, the catalog's
 * dashboards get a module of their own, so they can be found.
 */
export function navModules(model: AppModel, catalog: ReportCatalog | null): NavModule[] {
  let namesDashboards = false;
  const modules = model.menu.modules.map((module) => {
    const entries = module.items.flatMap((item): NavEntry[] => {
      const dashboard = named(item, "dashboard");
      const report = named(item, "report");
      if (dashboard !== undefined) {
        namesDashboards = true;
        const found = catalog?.dashboards.find((d) => d.name === dashboard);
        return found
          ? [entry(`d:${dashboard}`, paths.dashboard(dashboard), found.labels, dashboard)]
          : [];
      }
      if (report !== undefined) {
        const found = catalog?.reports.find((r) => r.name === report);
        return found ? [entry(`r:${report}`, paths.report(report), found.labels, report)] : [];
      }
      const name = viewOfItem(item);
      const view = name === undefined ? undefined : model.views[name];
      return view ? [entry(`v:${view.name}`, paths.list(view.name), view.labels, view.name)] : [];
    });
    return { id: module.id, labels: module.labels, entries };
  });
  const listed = modules.filter((module) => module.entries.length > 0);
  if (namesDashboards || !catalog || catalog.dashboards.length === 0) return listed;
  const dashboards = catalog.dashboards.map((d) =>
    entry(`d:${d.name}`, paths.dashboard(d.name), d.labels, d.name),
  );
  // after the menu's modules: the catalog comes later than the model, and links the user is
  // about to click must not move down when it does
  return [...listed, { id: "$dashboards", entries: dashboards }];
}

function entry(key: string, to: string, labels: Labels | undefined, fallback: string): NavEntry {
  return { key, to, labels, fallback };
}

/** The name a `{ dashboard }` or `{ report }` menu item opens, if it is one. */
function named(item: MenuItem, kind: "dashboard" | "report"): string | undefined {
  if (kind === "dashboard") return "dashboard" in item ? item.dashboard : undefined;
  return "report" in item ? item.report : undefined;
}
