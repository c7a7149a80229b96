import type { DocumentRefusal } from "../draft/document-files.ts";
import type { ReportTranslate } from "../i18n/report-words.ts";

/** Why a report or dashboard step was refused, in the user's language. */
export function documentRefusalText(w: ReportTranslate, refusal: DocumentRefusal): string {
  const { name } = refusal;
  switch (refusal.code) {
    case "exists":
      return w("refusedExists", { name });
    case "bad-name":
      return w("refusedBadName", { name });
    case "base":
      return w("refusedBase", { name, package: refusal.package ?? "" });
    case "unknown":
      return w("refusedUnknown", { name });
  }
}
