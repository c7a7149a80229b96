import { useLanguage } from "../i18n/language.tsx";
import { Link, paths } from "../router/router.tsx";

export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <section className="page">
      <p className="empty-state">{t("notFound")}</p>
      <p>
        <Link to={paths.home()}>{t("appName")}</Link>
      </p>
    </section>
  );
}
