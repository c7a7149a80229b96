import { ApiError } from "@loom/app/api";
import { useLanguage } from "@loom/app/i18n";
import { CONTENT_ID, SkipLink } from "@loom/app/layout/skip-link";
import { navigate, useLocation } from "@loom/app/router";
import { lazy, Suspense, useEffect, useState } from "react";
import { draftApi } from "../draft/draft-api.ts";
import { DraftProvider } from "../draft/draft-context.tsx";
import { DraftSession } from "../draft/draft-session.ts";
import { EntitiesPage } from "../entities/entities-page.tsx";
import { RevisionsPage } from "../revisions/revisions-page.tsx";
import { DesignerHeader } from "./designer-header.tsx";
import { DraftBar } from "./draft-bar.tsx";
import { NoPermissionPage } from "./no-permission-page.tsx";
import { ProblemsPanel } from "./problems-panel.tsx";
import { designerPaths, parseDesignerRoute } from "./routes.ts";

// the canvas (@xyflow/react) and elk load with the workflows page only
const WorkflowPage = lazy(() => import("../workflow/workflow-page.tsx"));
// monaco loads with the JSON view (and an expression edited as JSON) only
const JsonPage = lazy(() => import("../json-view/json-page.tsx"));
// the live preview renders with the app's form (rjsf): it loads with the forms page only
const FormsPage = lazy(() => import("../forms/forms-page.tsx"));
const RolesPage = lazy(() => import("../roles/roles-page.tsx"));
const PackagesPage = lazy(() => import("../packages/packages-page.tsx"));
// the preview draws with the app's charts (echarts): they load with these pages only
const ReportsPage = lazy(() => import("../reports/reports-page.tsx"));
const DashboardsPage = lazy(() => import("../dashboards/dashboards-page.tsx"));

type Opened =
  | { status: "loading" }
  | { status: "forbidden" }
  | { status: "failed"; error: Error }
  | { status: "ready"; session: DraftSession };

/** The signed-in designer: the draft is read first; a user who may not design is told so. */
export default function Workspace() {
  const { t } = useLanguage();
  const [opened, setOpened] = useState<Opened>({ status: "loading" });
  useEffect(() => {
    let live = true;
    draftApi.read().then(
      (view) => live && setOpened({ status: "ready", session: new DraftSession(view) }),
      (error: Error) => {
        if (!live) return;
        const forbidden =
          error instanceof ApiError &&
          error.status === 403 &&
          error.extra.permission === "designer";
        setOpened(forbidden ? { status: "forbidden" } : { status: "failed", error });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  switch (opened.status) {
    case "loading":
      return <p className="loading center">{t("loading")}</p>;
    case "forbidden":
      return <NoPermissionPage />;
    case "failed":
      return (
        <p role="alert" className="error-box center">
          {t("error", { message: opened.error.message })}
        </p>
      );
    case "ready":
      return (
        <DraftProvider session={opened.session}>
          <div className="designer-shell">
            <SkipLink />
            <DesignerHeader withNav />
            <DraftBar />
            <main className="designer-content" id={CONTENT_ID} tabIndex={-1}>
              <Page />
              <ProblemsPanel />
            </main>
          </div>
        </DraftProvider>
      );
  }
}

function Page() {
  const { pathname, search } = useLocation();
  const route = parseDesignerRoute(pathname, search);
  useEffect(() => {
    if (route.page === "not-found") navigate(designerPaths.entities(), { replace: true });
  }, [route.page]);
  switch (route.page) {
    case "entities":
      return <EntitiesPage entity={route.entity} />;
    case "revisions":
      return <RevisionsPage id={route.id} />;
    case "workflows":
      return (
        <Suspense fallback={null}>
          <WorkflowPage name={route.name} />
        </Suspense>
      );
    case "roles":
      return (
        <Suspense fallback={null}>
          <RolesPage role={route.role} />
        </Suspense>
      );
    case "forms":
      return (
        <Suspense fallback={null}>
          <FormsPage entity={route.entity} />
        </Suspense>
      );
    case "json":
      return (
        <Suspense fallback={null}>
          <JsonPage file={route.file} pkg={route.package} />
        </Suspense>
      );
    case "packages":
      return (
        <Suspense fallback={null}>
          <PackagesPage />
        </Suspense>
      );
    case "reports":
      return (
        <Suspense fallback={null}>
          <ReportsPage name={route.name} />
        </Suspense>
      );
    case "dashboards":
      return (
        <Suspense fallback={null}>
          <DashboardsPage name={route.name} />
        </Suspense>
      );
    case "not-found":
      return null;
  }
}
