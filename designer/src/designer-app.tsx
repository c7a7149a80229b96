import { useLanguage } from "@loom/app/i18n";
import { PasswordPage } from "@loom/app/password";
import { useSession } from "@loom/app/session";
import { LoginPage } from "@loom/app/sign-in";
import { lazy, Suspense } from "react";

// the engine (ajv, the compiler) loads after sign-in, with the draft it checks
const Workspace = lazy(() => import("./shell/workspace.tsx"));

/**
 * The page for the session's state, as in the business app (its sign-in and password pages):
 * signing in on any designer address stays on it.
 */
export function DesignerApp() {
  const { state } = useSession();
  const { t } = useLanguage();
  switch (state.status) {
    case "loading":
      return <p className="loading center">{t("loading")}</p>;
    case "signed-out":
      return <LoginPage />;
    case "password-change":
      return <PasswordPage required />;
    case "failed":
      return (
        <p role="alert" className="error-box center">
          {t("error", { message: state.error.message })}
        </p>
      );
    case "ready":
      return (
        <Suspense fallback={<p className="loading center">{t("loading")}</p>}>
          <Workspace />
        </Suspense>
      );
  }
}
