import type { EntityAction } from "@loom/engine";
import type { Word } from "../i18n/words.ts";

/** The column heading of each action. */
export const ACTION_WORDS: Readonly<Record<EntityAction, Word>> = {
  read: "actionRead",
  create: "actionCreate",
  update: "actionUpdate",
  delete: "actionDelete",
  export: "actionExport",
  import: "actionImport",
  report: "actionReport",
};
