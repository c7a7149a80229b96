import type { Refusal } from "../draft/field-edits.ts";
import type { Translate } from "../i18n/words.ts";

/** A refused design step explained in the user's language. */
export function refusalText(w: Translate, refusal: Refusal, context: { package: string }): string {
  switch (refusal.code) {
    case "not-overridable":
      return w("refusedNotOverridable", {
        property: refusal.property ?? "",
        package: context.package,
      });
    case "base-field-stays":
      return w("refusedBaseField", { package: context.package });
    case "field-exists":
      return w("refusedFieldExists", { field: refusal.name ?? "" });
    case "entity-exists":
      return w("refusedEntityExists", { entity: refusal.name ?? "" });
    case "unknown-entity":
    case "unknown-field":
    case "cannot-move":
      return w("refused", { message: refusal.message });
  }
}
