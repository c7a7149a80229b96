import type { ReactNode } from "react";
import { useLanguage } from "../i18n/language.tsx";
import { LoginPage } from "../pages/login-page.tsx";
import { PasswordPage } from "../pages/password-page.tsx";
import { useSession } from "./session.tsx";

/**
 * The page for a session that is not ready — loading, sign-in, the password change, a failure —
 * else `children`. The business app and the designer both start here, so signing in looks and
 * behaves the same in both.
 */
export function SessionGate({ children }: { children: ReactNode }) {
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
      return children;
  }
}
