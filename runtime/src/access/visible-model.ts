import { type AppModel, type Entity, type Role, restrictUi } from "@loom/engine";
import type { AccessView } from "./access-view.ts";

/**
 * What a UI of these roles is told of the model: the entities they may read (lines with their
 * document), without hidden fields, and of the roles only their own; forms, views and the menu
 * cut down to match (no hidden field in a layout or a column, no view or menu item of an entity
 * they cannot read, no report or dashboard they could not run).
 */
export function visibleModel(view: AccessView): AppModel {
  const { permissions, model } = view;
  if (permissions.administrator) return model;
  const entities: Record<string, Entity> = {};
  for (const [name, entity] of Object.entries(model.entities))
    if (permissions.entity(name).scopes.read !== null) entities[name] = entity;
  const roles: Record<string, Role> = {};
  for (const name of permissions.roles) roles[name] = model.roles[name]!;
  const readable = { ...model, entities, roles };
  const mayReport = (document: string) => permissions.entity(document).scopes.report !== null;
  return { ...readable, ...restrictUi(readable, mayReport) };
}
