import { lazy, Suspense, useEffect } from "react";
import { AppHeader } from "./layout/app-header.tsx";
import { AppNav } from "./layout/app-nav.tsx";
import { Loading } from "./layout/loading.tsx";
import { CONTENT_ID, SkipLink } from "./layout/skip-link.tsx";
import { menuOf, viewOfItem } from "./meta/lookups.ts";
import { InboxPage } from "./pages/inbox-page.tsx";
import { ListPage } from "./pages/list-page.tsx";
import { NotFoundPage } from "./pages/not-found-page.tsx";
import { PasswordPage } from "./pages/password-page.tsx";
import { navigate, parseRoute, paths, type Route, useLocation } from "./router/router.tsx";
import { useReady, useSession } from "./session/session.tsx";
import { SessionGate } from "./session/session-gate.tsx";
import { InboxProvider } from "./workflow/use-inbox.tsx";

// forms (rjsf, ajv, the engine's evaluator) load with the first record opened, not at sign-in
const RecordPage = lazy(() => import("./pages/record-page.tsx"));
// charts (echarts) load with the first report or dashboard opened
const ReportPage = lazy(() =>
  import("./pages/report-page.tsx").then((module) => ({ default: module.ReportPage })),
);
const DashboardPage = lazy(() =>
  import("./pages/dashboard-page.tsx").then((module) => ({ default: module.DashboardPage })),
);

/** The app, once the session is ready (SessionGate shows what comes before). */
export function App() {
  const { state } = useSession();
  const { pathname } = useLocation();
  const route = parseRoute(pathname);
  useEffect(() => {
    // the sign-in page's address is only for the signed out; after sign-in, go on to the app
    if (state.status === "ready" && route.page === "login")
      navigate(paths.home(), { replace: true });
  }, [state.status, route.page]);
  return (
    <SessionGate>
      <InboxProvider>
        <div className="shell">
          <SkipLink />
          <AppHeader />
          <AppNav />
          <main className="content" id={CONTENT_ID} tabIndex={-1}>
            <Suspense fallback={<Loading look="block" />}>
              <Page route={route} />
            </Suspense>
          </main>
        </div>
      </InboxProvider>
    </SessionGate>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case "home":
    case "login":
      return <Home />;
    case "password":
      return <PasswordPage required={false} />;
    case "inbox":
      return <InboxPage />;
    case "list":
      return <ListPage viewName={route.view} />;
    case "record":
      return <RecordPage entityName={route.entity} id={route.id} />;
    case "report":
      return <ReportPage key={route.name} name={route.name} />;
    case "dashboard":
      return <DashboardPage key={route.name} name={route.name} />;
    case "not-found":
      return <NotFoundPage />;
  }
}

/** The home page is the menu's first list. */
function Home() {
  const { model } = useReady();
  useEffect(() => {
    const first = menuOf(model).modules[0]?.items[0];
    const view = first ? viewOfItem(first) : undefined;
    navigate(view ? paths.list(view) : paths.inbox(), { replace: true });
  }, [model]);
  return null;
}
