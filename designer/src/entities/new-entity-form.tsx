import { navigate } from "@loom/app/router";
import { useWords } from "../i18n/words.ts";
import { NameLabelsForm } from "../shell/name-labels-form.tsx";
import { designerPaths } from "../shell/routes.ts";
import { refusalText } from "./refusal-text.ts";
import { useAddEntity } from "./use-field-edits.ts";

/** A new entity of the draft's package: its name and labels; it opens once made. */
export function NewEntityForm({ onDone }: { onDone(): void }) {
  const { w } = useWords();
  const addEntity = useAddEntity();
  return (
    <NameLabelsForm
      title={w("newEntity")}
      className="new-entity"
      nameLabel={w("entityName")}
      nameHelp={w("fieldNameHelp")}
      create={(name, labels) => {
        const result = addEntity(name, labels);
        if (!result.ok) return refusalText(w, result.refusal, { package: "" });
        navigate(designerPaths.entities(name));
        return null;
      }}
      onDone={onDone}
    />
  );
}
