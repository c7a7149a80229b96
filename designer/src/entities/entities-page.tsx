import { PageTitle } from "@loom/app/layout/page-title";
import { useMemo } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { entityCatalog } from "../draft/entity-catalog.ts";
import { useWords } from "../i18n/words.ts";
import { EntityEditor } from "./entity-editor.tsx";
import { EntityList } from "./entity-list.tsx";

/** The entities of the draft and of the packages it builds on; the chosen one's fields. */
export function EntitiesPage({ entity }: { entity: string | null }) {
  const { ctx } = useDraft();
  const { w } = useWords();
  const catalog = useMemo(() => entityCatalog(ctx), [ctx]);
  const chosen = entity === null ? undefined : catalog.find((e) => e.name === entity);
  return (
    <div className="entities-page">
      <EntityList catalog={catalog} current={entity} />
      <section className="page entity-page" aria-labelledby="page-title">
        {chosen ? (
          <EntityEditor key={chosen.name} entity={chosen} />
        ) : (
          <>
            <header className="page-header">
              <PageTitle>{w("entitiesTitle")}</PageTitle>
            </header>
            <p className="note">
              {entity === null ? w("pickEntity") : w("noSuchEntity", { entity })}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
