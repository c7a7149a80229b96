import type { Translate } from "../i18n/words.ts";
import type { RoleRefusal } from "./role-edits.ts";

/** A refused role step explained in the user's language. */
export function roleRefusalText(w: Translate, refusal: RoleRefusal): string {
  switch (refusal.code) {
    case "base-role":
      return w("refusedBaseRole", { role: refusal.role, package: refusal.package ?? "" });
    case "role-exists":
      return w("refusedRoleExists", { role: refusal.role });
    case "unknown-role":
    case "bad-name":
      return w("refused", { message: refusal.message });
  }
}
