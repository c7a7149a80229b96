import { useLanguage } from "@loom/app/i18n";
import { Link } from "@loom/app/router";
import { useState } from "react";
import { useDraft } from "../draft/draft-context.tsx";
import type { EntityEntry } from "../draft/entity-catalog.ts";
import { useWords } from "../i18n/words.ts";
import { designerPaths } from "../shell/routes.ts";
import { NewEntityForm } from "./new-entity-form.tsx";

/**
 * The entities grouped by the package that defines them: the draft's own first. Each links to
 * `linkTo` (its entity page; another designer page lists them too); `canAdd` offers a new one.
 */
export function EntityList({
  catalog,
  current,
  linkTo = designerPaths.entities,
  canAdd = true,
}: {
  catalog: readonly EntityEntry[];
  current: string | null;
  linkTo?: (entity: string) => string;
  canAdd?: boolean;
}) {
  const { ctx } = useDraft();
  const { w } = useWords();
  const { label } = useLanguage();
  const [adding, setAdding] = useState(false);
  const groups = [ctx.draft.name, ...ctx.bases.map((base) => base.name)]
    .map((pkg) => ({
      pkg,
      own: pkg === ctx.draft.name,
      entities: catalog.filter((entity) => entity.package === pkg),
    }))
    .filter((group) => canAdd || group.entities.length > 0);
  return (
    <nav className="entity-list" aria-label={w("entitiesTitle")}>
      {canAdd &&
        (adding ? (
          <NewEntityForm onDone={() => setAdding(false)} />
        ) : (
          <button type="button" className="button small" onClick={() => setAdding(true)}>
            + {w("newEntity")}
          </button>
        ))}
      {groups.map((group) => (
        <div key={group.pkg} className="entity-group">
          <h2 className="nav-heading">
            {group.own
              ? w("ownEntities", { package: group.pkg })
              : w("baseEntities", { package: group.pkg })}
          </h2>
          <ul>
            {group.entities.map((entity) => (
              <li key={entity.name}>
                <Link
                  className="nav-link"
                  to={linkTo(entity.name)}
                  aria-current={entity.name === current ? "page" : undefined}
                >
                  <span>{label(entity.labels, entity.name)}</span>
                  <code className="entity-code">{entity.name}</code>
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
