import { useLanguage } from "@loom/app/i18n";
import { SessionGate } from "@loom/app/session-gate";
import { lazy, Suspense } from "react";

// the engine (ajv, the compiler) loads after sign-in, with the draft it checks
const Workspace = lazy(() => import("./shell/workspace.tsx"));

/** The designer once signed in, through the business app's gate: signing in on any designer address stays on it. */
export function DesignerApp() {
  const { t } = useLanguage();
  return (
    <SessionGate>
      <Suspense fallback={<p className="loading center">{t("loading")}</p>}>
        <Workspace />
      </Suspense>
    </SessionGate>
  );
}
