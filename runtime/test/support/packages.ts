import path from "node:path";
import { fileURLToPath } from "node:url";
import { type EntityDef, type LoadedPackage, parsePackage } from "@loom/engine";
import { readPackageDir } from "../../src/store/read-package-dir.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
/** base package: customer (code, name, legacy_ref), item (name, stock as text, price decimal(10,2)) */
export const SHOP = path.join(FIXTURES, "shop");
/** customization of shop: adds customer.wechat_id */
export const SHOP_CUSTOM = path.join(FIXTURES, "shop-custom");
/** a package with an unknown field type */
export const BROKEN = path.join(FIXTURES, "broken");

/**
 * The shop package at another version, its entities edited the way a consultant would revise the
 * files: what an upgrade brings.
 */
export async function shopVersion(
  version: string,
  edit: (entities: Record<string, EntityDef>) => void,
): Promise<LoadedPackage> {
  const files = await readPackageDir(SHOP);
  const entities: Record<string, EntityDef> = {};
  for (const [file, text] of Object.entries(files)) {
    if (file.startsWith("entities/")) {
      const entity = JSON.parse(text) as EntityDef;
      entities[entity.name] = entity;
    }
  }
  edit(entities);
  const manifest = { ...JSON.parse(files["loom-package.json"]!), version };
  const edited: Record<string, string> = { "loom-package.json": JSON.stringify(manifest) };
  for (const entity of Object.values(entities)) {
    edited[`entities/${entity.name}.json`] = JSON.stringify(entity, null, 2);
  }
  const { package: loaded, issues } = parsePackage(edited);
  if (!loaded)
    throw new Error(`shop ${version} does not parse: ${JSON.stringify(issues, null, 2)}`);
  return loaded;
}

export function fieldOf(entity: EntityDef | undefined, name: string) {
  const field = entity?.fields.find((f) => f.name === name);
  if (!field) throw new Error(`fixture has no field ${entity?.name}.${name}`);
  return field;
}
