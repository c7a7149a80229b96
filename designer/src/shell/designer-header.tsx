import { UserMenu } from "@loom/app/layout/user-menu";
import { Link, useLocation } from "@loom/app/router";
import { usePackageWords } from "../i18n/package-words.ts";
import { useReportWords } from "../i18n/report-words.ts";
import { useWords } from "../i18n/words.ts";
import { useAdministrator } from "../packages/administrator.ts";
import { workflowPath } from "../workflow/workflow-path.ts";
import { useWorkflowWords } from "../workflow/workflow-words.ts";
import { designerPaths, parseDesignerRoute } from "./routes.ts";

/** The designer's name, its pages (when the user may design), the user, language, signing out. */
export function DesignerHeader({ withNav }: { withNav: boolean }) {
  const { w } = useWords();
  const { w: wf } = useWorkflowWords();
  const { w: wp } = usePackageWords();
  const { w: wr } = useReportWords();
  const administrator = useAdministrator();
  const { pathname } = useLocation();
  const page = parseDesignerRoute(pathname).page;
  const pages = [
    { page: "entities", to: designerPaths.entities(), label: w("navEntities") },
    { page: "forms", to: designerPaths.forms(), label: w("navForms") },
    { page: "workflows", to: workflowPath(), label: wf("workflowsTitle") },
    { page: "roles", to: designerPaths.roles(), label: w("navRoles") },
    { page: "reports", to: designerPaths.reports(), label: wr("navReports") },
    { page: "dashboards", to: designerPaths.dashboards(), label: wr("navDashboards") },
    { page: "json", to: designerPaths.json(), label: w("navJson") },
    { page: "revisions", to: designerPaths.revisions(), label: w("navRevisions") },
    // packages are administrators' only: others would get a 403
    ...(administrator
      ? [{ page: "packages", to: designerPaths.packages(), label: wp("navPackages") } as const]
      : []),
  ] as const;
  return (
    <header className="app-header designer-header">
      <div className="header-start">
        <Link className="brand" to={designerPaths.entities()}>
          {w("designerName")}
        </Link>
        {withNav && (
          <nav aria-label={w("designerNav")} className="designer-nav">
            {pages.map((item) => (
              <Link
                key={item.page}
                to={item.to}
                className="designer-nav-link"
                aria-current={page === item.page ? "page" : undefined}
              >
                {item.label}
              </Link>
            ))}
          </nav>
        )}
      </div>
      <UserMenu />
    </header>
  );
}
