import { useLanguage } from "@loom/app/i18n";
import { useDraft } from "../draft/draft-context.tsx";
import type { EntityEntry } from "../draft/entity-catalog.ts";
import { useWords } from "../i18n/words.ts";
import type { FormSource } from "./form-source.ts";

/**
 * Where the form comes from and where an edit of it goes (form-source.ts), and for the draft's
 * own file the way back: the base package's form, or the default one.
 */
export function FormSourceNote({
  entity,
  source,
  draftFile,
  onDrop,
}: {
  entity: EntityEntry;
  source: FormSource;
  draftFile: string;
  onDrop(): void;
}) {
  const { ctx } = useDraft();
  const { w } = useWords();
  const { label } = useLanguage();
  const draft = ctx.draft.name;
  const text = (() => {
    switch (source.kind) {
      case "draft":
        return source.replaces
          ? w("formReplaces", { draft, package: source.replaces.package, file: source.file })
          : w("formOwn", { draft, file: source.file });
      case "base":
        return w("formOfBase", { package: source.package, file: source.file, draft, draftFile });
      case "default":
        return w("formDefault", { entity: label(entity.labels, entity.name), draft, draftFile });
    }
  })();
  return (
    <div className="base-note form-source" id="form-source" data-source={source.kind}>
      <p>{text}</p>
      {source.kind === "draft" && (
        <button
          type="button"
          className="button small"
          onClick={() => {
            if (window.confirm(w("dropFormConfirm", { file: source.file }))) onDrop();
          }}
        >
          {source.replaces
            ? w("useBaseForm", { package: source.replaces.package })
            : w("useDefaultForm")}
        </button>
      )}
    </div>
  );
}
