import { PageTitle } from "@loom/app/layout/page-title";
import { useMemo } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import { EntityList } from "../entities/entity-list.tsx";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import { FormDesigner } from "./form-designer.tsx";
import { formEntities } from "./form-source.ts";
import "./forms.css";

/** The entities a form lays out; the chosen one's form beside its live preview. */
export default function FormsPage({ entity }: { entity: string | null }) {
  const { ctx } = useDraft();
  const { w } = useWords();
  const entities = useMemo(() => formEntities(ctx), [ctx]);
  const chosen = entity === null ? undefined : entities.find((e) => e.name === entity);
  return (
    <div className="entities-page forms-page">
      <EntityList catalog={entities} current={entity} linkTo={designerPaths.forms} canAdd={false} />
      <section className="page form-page" aria-labelledby="page-title">
        {chosen ? (
          <FormDesigner key={chosen.name} entity={chosen} />
        ) : (
          <>
            <header className="page-header">
              <PageTitle>{w("formsTitle")}</PageTitle>
            </header>
            <p className="note">
              {entity === null ? w("pickFormEntity") : w("noFormEntity", { entity })}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
