import type { ReportAccess } from "@loom/engine";
import type { Reader } from "../access/reader.ts";
import { ROW_ALIAS } from "../api/read-plan.ts";

/**
 * What the report compiler needs of a Reader, as data: row scopes compiled for the caller (the
 * report action's on the root's document, read on what links reach) and hidden field paths.
 */
export function reportAccess(reader: Reader): ReportAccess {
  const { permissions } = reader.view;
  return {
    alias: ROW_ALIAS,
    scope: (entity, action) =>
      permissions.entity(entity).scopes[action] === null ? null : reader.scope(entity, action),
    hidden: (entity) => permissions.entity(entity).hidden,
  };
}
