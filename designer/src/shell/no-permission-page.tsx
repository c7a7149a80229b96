import { PageTitle } from "@loom/app/layout/page-title";
import { CONTENT_ID, SkipLink } from "@loom/app/layout/skip-link";
import { useWords } from "../i18n/words.ts";
import { DesignerHeader } from "./designer-header.tsx";

/** For a signed-in user whose roles may not design (the API answers 403 naming "designer"). */
export function NoPermissionPage() {
  const { w } = useWords();
  return (
    <div className="designer-shell">
      <SkipLink />
      <DesignerHeader withNav={false} />
      <main className="designer-content" id={CONTENT_ID} tabIndex={-1}>
        <section className="page no-permission" aria-labelledby="page-title">
          <PageTitle>{w("needRoleTitle")}</PageTitle>
          <p>{w("needRoleText")}</p>
          <p>
            <a href="/app/">{w("openApp")}</a>
          </p>
        </section>
      </main>
    </div>
  );
}
