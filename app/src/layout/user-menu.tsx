import { useLanguage } from "../i18n/language.tsx";
import { useReady, useSession } from "../session/session.tsx";
import { LanguageSwitch } from "./language-switch.tsx";

/** The signed-in user, the language and signing out: the end of both apps' headers. */
export function UserMenu() {
  const { user } = useReady();
  const { signOut } = useSession();
  const { t } = useLanguage();
  return (
    <div className="header-end">
      <span className="user" data-testid="user-name">
        {user.displayName ?? user.username}
      </span>
      <LanguageSwitch />
      <button type="button" className="button ghost" onClick={() => void signOut()}>
        {t("signOut")}
      </button>
    </div>
  );
}
