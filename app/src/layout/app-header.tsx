import { useLanguage } from "../i18n/language.tsx";
import { Link, paths } from "../router/router.tsx";
import { useReady, useSession } from "../session/session.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

/** The app's name, the signed-in user, the language and signing out. */
export function AppHeader() {
  const { user } = useReady();
  const { signOut } = useSession();
  const { t } = useLanguage();
  return (
    <header className="app-header">
      <Link className="brand" to={paths.home()}>
        {t("appName")}
      </Link>
      <div className="header-end">
        <span className="user" data-testid="user-name">
          {user.displayName ?? user.username}
        </span>
        <LanguageSwitch />
        <button type="button" className="button ghost" onClick={() => void signOut()}>
          {t("signOut")}
        </button>
      </div>
    </header>
  );
}
