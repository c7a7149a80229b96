import { useLanguage } from "../i18n/language.tsx";
import { PageTitle } from "../layout/page-title.tsx";
import { Link, paths } from "../router/router.tsx";

export function NotFoundPage() {
  const { t } = useLanguage();
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <PageTitle>{t("notFound")}</PageTitle>
      </header>
      <p>
        <Link to={paths.home()}>{t("appName")}</Link>
      </p>
    </section>
  );
}
