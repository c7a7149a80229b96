import type { FormDef, FormField, FormFieldDef, FormSectionDef, FormTabDef } from "./types.ts";

export interface LocatedSection {
  readonly def: FormSectionDef;
  /** JSON pointer of the section in the form file */
  readonly pointer: string;
}

export interface LocatedTab {
  /** absent for the one implicit tab of a form written with `sections` */
  readonly def?: FormTabDef;
  readonly sections: readonly LocatedSection[];
}

/** The tabs of a form file as written (`sections` alone is one implicit tab; neither: none). */
export function locatedTabs(def: FormDef): LocatedTab[] {
  if (def.tabs)
    return def.tabs.map((tab, i) => ({
      def: tab,
      sections: tab.sections.map((section, j) => ({
        def: section,
        pointer: `/tabs/${i}/sections/${j}`,
      })),
    }));
  if (def.sections)
    return [
      { sections: def.sections.map((section, j) => ({ def: section, pointer: `/sections/${j}` })) },
    ];
  return [];
}

/** A section field as the object form, whichever way it was written. */
export function formField(entry: FormFieldDef): FormField {
  return typeof entry === "string" ? { field: entry } : entry;
}

/** Where the field's name is written: the entry itself, or its `field` property. */
export function fieldNamePointer(entry: FormFieldDef, pointer: string): string {
  return typeof entry === "string" ? pointer : `${pointer}/field`;
}
