import { useLanguage } from "../i18n/language.tsx";
import { Link, paths } from "../router/router.tsx";
import { UserMenu } from "./user-menu.tsx";

/** The app's name, the signed-in user, the language and signing out. */
export function AppHeader() {
  const { t } = useLanguage();
  return (
    <header className="app-header">
      <Link className="brand" to={paths.home()}>
        {t("appName")}
      </Link>
      <UserMenu />
    </header>
  );
}
