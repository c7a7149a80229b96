import type { Labels } from "@loom/engine";
import type { FormOutline } from "./form-outline.ts";

/** A tab or section a field or section can be moved to, named for the user. */
export interface PlaceChoice {
  readonly id: string;
  readonly name: string;
}

/**
 * The tabs (none in a form of one implicit tab) and the sections of a form as menus name them:
 * a section with its tab, "Delivery › Shipping"; a title missing, its id.
 */
export function placeChoices(
  outline: FormOutline,
  entityLabels: Labels | null,
  label: (labels: Labels | null | undefined, fallback: string) => string,
): { tabs: PlaceChoice[]; sections: PlaceChoice[] } {
  const tabName = (labels: Labels | undefined, id: string) =>
    label(labels ?? outline.labels ?? entityLabels, id) || id;
  return {
    tabs: outline.tabbed
      ? outline.tabs.map((tab) => ({ id: tab.id, name: tabName(tab.labels, tab.id) }))
      : [],
    sections: outline.tabs.flatMap((tab) =>
      tab.sections.map((section) => {
        const name = label(section.labels, section.id) || section.id;
        return {
          id: section.id,
          name: outline.tabbed ? `${tabName(tab.labels, tab.id)} › ${name}` : name,
        };
      }),
    ),
  };
}
