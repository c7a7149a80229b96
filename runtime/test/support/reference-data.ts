import { type LoadedPackage, parsePackage } from "@loom/engine";

const labels = (en: string) => ({ en, "zh-CN": en });
const field = (name: string, type: string, extra: Record<string, unknown> = {}) => ({
  name,
  type,
  labels: labels(name),
  ...extra,
});
const entity = (
  name: string,
  fields: Record<string, unknown>[],
  extra: Record<string, unknown> = {},
) => ({
  kind: "entity",
  name,
  labels: labels(name),
  ...extra,
  fields,
});

/** The files of the depot package, as objects a test edits before `depot` loads them. */
export interface DepotFiles {
  entities: Record<string, { fields: Record<string, unknown>[]; [key: string]: unknown }>;
  data: Record<
    string,
    {
      entity: string;
      key: string[];
      policy: string;
      rows: Record<string, unknown>[];
      [key: string]: unknown;
    }
  >;
}

/**
 * A warehouse's lookups, one per policy: units (`create-only`), an item-category tree given
 * children first (`always`), currencies (`never`) and approval limits linking to currencies and
 * categories (`always`, a rule on the amount), with values of every kind that PostgreSQL
 * normalizes (numeric scale, dates, timestamps, arrays, JSON, booleans). `items` are business
 * records linking to units, with no data.
 */
export function depotFiles(): DepotFiles {
  return {
    entities: {
      unit: entity("unit", [
        field("code", "text", { required: true, unique: true, maxLength: 10 }),
        field("name", "text", { required: true }),
        field("decimals", "integer", { required: true, default: 0, min: 0, max: 6 }),
        field("builtin", "boolean", { readOnly: true }),
      ]),
      item_category: entity(
        "item_category",
        [
          field("code", "text", { required: true, unique: true }),
          field("name", "text", { required: true }),
        ],
        { type: "tree" },
      ),
      currency: entity("currency", [
        field("code", "text", { required: true, unique: true }),
        field("name", "text"),
        field("rate", "decimal", { precision: 12, scale: 4 }),
      ]),
      approval_limit: entity(
        "approval_limit",
        [
          field("code", "text", { required: true, unique: true }),
          field("currency", "link", { target: "currency", required: true }),
          field("category", "link", { target: "item_category" }),
          field("amount", "money"),
          field("valid_from", "date"),
          field("reviewed_at", "datetime"),
          field("channels", "multiselect", {
            options: ["web", "store"].map((value) => ({ value, labels: labels(value) })),
          }),
          field("terms", "json"),
          field("label", "text", { computed: { cat: [{ var: "code" }, "/", { var: "amount" }] } }),
        ],
        {
          rules: [
            {
              name: "positive",
              assert: { ">": [{ var: "amount" }, 0] },
              message: labels("The amount must be above zero"),
            },
          ],
        },
      ),
      item: entity("item", [
        field("code", "text", { required: true, unique: true }),
        field("unit", "link", { target: "unit" }),
      ]),
    },
    data: {
      unit: {
        entity: "unit",
        key: ["code"],
        policy: "create-only",
        rows: [
          { code: "PCS", name: "Piece", decimals: 0, builtin: true },
          { code: "KG", name: "Kilogram", decimals: 3 },
          { code: "M", name: "Metre", decimals: 2 },
        ],
      },
      item_category: {
        entity: "item_category",
        key: ["code"],
        policy: "always",
        rows: [
          { code: "SHEET", name: "Sheet", parent_id: "STEEL" },
          { code: "STEEL", name: "Steel", parent_id: "RAW" },
          { code: "RAW", name: "Raw materials", parent_id: null },
        ],
      },
      currency: {
        entity: "currency",
        key: ["code"],
        policy: "never",
        rows: [
          { code: "CNY", name: "Renminbi", rate: 1 },
          { code: "USD", name: "US Dollar", rate: 7.1 },
        ],
      },
      approval_limit: {
        entity: "approval_limit",
        key: ["code"],
        policy: "always",
        rows: [
          {
            code: "L1",
            currency: "CNY",
            category: "STEEL",
            amount: 5000.5,
            valid_from: "2025-01-01",
            reviewed_at: "2025-01-02T03:04:05Z",
            channels: ["web", "store"],
            terms: { net: 30 },
          },
        ],
      },
    },
  };
}

/** The depot package at `version`, its files edited first. */
export function depot(
  version = "1.0.0",
  edit: (files: DepotFiles) => void = () => {},
): LoadedPackage {
  const files = depotFiles();
  edit(files);
  const texts: Record<string, string> = {
    "loom-package.json": JSON.stringify({
      kind: "package",
      name: "depot",
      version,
      layer: "base",
      labels: labels("Depot"),
    }),
  };
  for (const [name, def] of Object.entries(files.entities))
    texts[`entities/${name}.json`] = JSON.stringify(def, null, 2);
  for (const [name, def] of Object.entries(files.data))
    texts[`data/${name}.json`] = JSON.stringify({ kind: "data", ...def }, null, 2);
  const { package: loaded, issues } = parsePackage(texts);
  if (!loaded) throw new Error(`depot ${version} does not parse: ${JSON.stringify(issues)}`);
  return loaded;
}
