import { numbered, type SampleContext } from "./sample-context.ts";

/** Who the generated rows say created them. */
export const GENERATOR = "sample-data";

/** The leaf categories of the sample's item_category data (data/item_category.json), in item order. */
export const ITEM_CATEGORIES = ["RAW-STEEL", "RAW-PLASTIC", "SEMI", "FG", "PACK"] as const;
/** The unit (data/unit.json) of each category's items, in the same order. */
const CATEGORY_UNITS = ["KG", "KG", "PCS", "SET", "BOX"] as const;
export const UNIT_CODES = [...new Set(CATEGORY_UNITS)];

/** Warehouses: [code, name, type, keeper]; stock_move's home warehouse of each category below. */
export const WAREHOUSES = [
  ["GW-RM", "Raw Material Warehouse", "raw_material", "clerk1"],
  ["GW-WIP", "Work-in-Progress Store", "wip", "clerk1"],
  ["GW-FG-SH", "Finished Goods Shanghai", "finished_goods", "clerk2"],
  ["GW-FG-SZ", "Finished Goods Shenzhen", "finished_goods", "clerk2"],
  ["GW-SP", "Spare Parts Store", "spare_parts", "clerk1"],
  ["GW-SCRAP", "Scrap Yard", "scrap", "clerk1"],
] as const;

const CITIES = [
  ["Shanghai", "East China"],
  ["Suzhou", "East China"],
  ["Hangzhou", "East China"],
  ["Ningbo", "East China"],
  ["Nanjing", "East China"],
  ["Guangzhou", "South China"],
  ["Shenzhen", "South China"],
  ["Dongguan", "South China"],
  ["Foshan", "South China"],
  ["Xiamen", "South China"],
  ["Beijing", "North China"],
  ["Tianjin", "North China"],
  ["Qingdao", "North China"],
  ["Jinan", "North China"],
  ["Dalian", "North China"],
  ["Chengdu", "West China"],
  ["Chongqing", "West China"],
  ["Xi'an", "West China"],
  ["Wuhan", "Central China"],
  ["Changsha", "Central China"],
] as const;
const WORDS = [
  "Hengda",
  "Huaxin",
  "Jinlong",
  "Tianyi",
  "Xinda",
  "Zhongke",
  "Dongfang",
  "Hongyuan",
  "Baolong",
  "Ruifeng",
  "Sanhe",
  "Taida",
  "Weiye",
  "Yongsheng",
  "Zhenhua",
  "Anke",
  "Boyuan",
  "Changjiang",
  "Fuxing",
  "Guanghua",
  "Haitian",
  "Jiahe",
  "Kaiyuan",
  "Lianchuang",
  "Mingyang",
];
const CUSTOMER_TRADES = ["Machinery", "Automation", "Equipment", "Industrial"];
const SUPPLIER_TRADES = ["Steel", "Plastics", "Components", "Packaging"];

/** Item names per category, in ITEM_CATEGORIES order. */
const ITEM_NAMES = [
  ["Cold-rolled Sheet", "Round Bar", "Steel Tube", "Angle Steel", "Wire Rod"],
  ["ABS Pellets", "PP Granules", "Nylon Rod", "PVC Sheet", "POM Resin"],
  ["Motor Housing", "Gear Shaft", "Valve Body", "Bearing Seat", "Pump Impeller"],
  ["Gear Pump", "Servo Motor", "Control Valve", "Hydraulic Cylinder", "Gearbox"],
  ["Carton", "Pallet", "Stretch Film", "Foam Insert", "Wooden Crate"],
];
/** [min, max] standard price per category, in ITEM_CATEGORIES order */
const PRICE_RANGES = [
  [5, 40],
  [8, 60],
  [20, 400],
  [100, 2500],
  [2, 30],
];

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;
const array = (values: readonly string[]) => `ARRAY[${values.map(quote).join(", ")}]`;
/** element `index` (0-based SQL expression) of a text array literal */
const at = (values: readonly string[], index: string) => `(${array(values)})[1 + (${index})]`;

/** Master records are dated 800 days before the anchor: before every document. */
export function masterTime(ctx: SampleContext): string {
  return `((${ctx.anchor} - 800)::timestamp AT TIME ZONE 'UTC')`;
}

export function customersSql(ctx: SampleContext): string {
  const { hash } = ctx;
  const cities = CITIES.map(([city]) => city);
  const regions = CITIES.map(([, region]) => region);
  const time = masterTime(ctx);
  // names are unique up to 20 × 25 × 4 = 2,000 customers (the most sampleSizes makes): 500
  // numbers in a row with one city (k mod 20) differ by a multiple of 20, k/20 + k then by a
  // multiple of 21 (coprime to 25), so their words differ
  return `INSERT INTO app.customer (id, version, created_at, created_by, updated_at, updated_by, code, name,
      customer_type, contact_person, address, payment_terms_days, is_active)
    SELECT ${ctx.id("customer", "g")}, 1, ${time}, '${GENERATOR}', ${time}, '${GENERATOR}',
      ${numbered("GC-", "g", 5)},
      ${at(cities, "(g - 1) % 20")} || ' ' || ${at(WORDS, "((g - 1) / 20 + g - 1) % 25")} || ' ' ||
        ${at(CUSTOMER_TRADES, "(g - 1) / 500 % 4")} || ' Co., Ltd.',
      'company', ${at(["Li", "Wang", "Zhang", "Liu", "Chen", "Yang"], hash.pick(1, "g", 6))} || ' ' ||
        ${at(["Wei", "Fang", "Jun", "Min", "Lei", "Ying"], hash.pick(2, "g", 6))},
      ${at(cities, "(g - 1) % 20")} || ', ' || ${at(regions, "(g - 1) % 20")},
      (ARRAY[30, 60, 90])[1 + ${hash.pick(3, "g", 3)}], true
    FROM generate_series(1, ${ctx.sizes.customers}) g ORDER BY g`;
}

export function suppliersSql(ctx: SampleContext): string {
  const { hash } = ctx;
  const cities = CITIES.map(([city]) => city);
  const time = masterTime(ctx);
  return `INSERT INTO app.supplier (id, version, created_at, created_by, updated_at, updated_by, code, name,
      address, lead_time_days, payment_terms_days, is_active)
    SELECT ${ctx.id("supplier", "g")}, 1, ${time}, '${GENERATOR}', ${time}, '${GENERATOR}',
      ${numbered("GS-", "g", 4)},
      ${at(cities, "(g + 7) % 20")} || ' ' || ${at(WORDS, "((g - 1) / 20 + g + 2) % 25")} || ' ' ||
        ${at(SUPPLIER_TRADES, "(g - 1) % 4")} || ' Supply Co., Ltd.',
      ${at(cities, "(g + 7) % 20")}, 5 + ${hash.pick(4, "g", 40)},
      (ARRAY[30, 45, 60])[1 + ${hash.pick(5, "g", 3)}], true
    FROM generate_series(1, ${ctx.sizes.suppliers}) g ORDER BY g`;
}

/** Item g is of category (g − 1) mod 5, so each category holds a fifth of the items. */
export function itemsSql(ctx: SampleContext): string {
  const { hash } = ctx;
  const time = masterTime(ctx);
  const c = "((g - 1) % 5)";
  const names = ITEM_NAMES.map((list, i) => `WHEN ${i} THEN ${at(list, "(g - 1) / 5 % 5")}`);
  const mins = PRICE_RANGES.map(([min]) => String(min));
  const spans = PRICE_RANGES.map(([min, max]) => String(max! - min!));
  const types = ["raw_material", "raw_material", "semi_finished", "finished_good", "consumable"];
  return `INSERT INTO app.item (id, version, created_at, created_by, updated_at, updated_by, code, name,
      specification, item_type, category, unit, standard_price, weight, is_stock_item, is_active)
    SELECT ${ctx.id("item", "g")}, 1, ${time}, '${GENERATOR}', ${time}, '${GENERATOR}',
      ${numbered("GI-", "g", 5)},
      (CASE ${c} ${names.join(" ")} END) || ' ' || ${numbered("M", "g", 4)},
      'Type ' || chr(65 + ${hash.pick(6, "g", 6)}),
      ${at(types, c)}, cat.id, unit.id,
      round(((ARRAY[${mins.join(", ")}])[1 + ${c}] + (ARRAY[${spans.join(", ")}])[1 + ${c}] * ${hash.unit(7, "g")})::numeric, 2),
      round((0.1 + 20 * ${hash.unit(8, "g")})::numeric, 3), true, true
    FROM generate_series(1, ${ctx.sizes.items}) g
    JOIN app.item_category cat ON cat.code = ${at(ITEM_CATEGORIES, c)}
    JOIN app.unit unit ON unit.code = ${at(CATEGORY_UNITS, c)}
    ORDER BY g`;
}

export function warehousesSql(ctx: SampleContext): string {
  const time = masterTime(ctx);
  const rows = WAREHOUSES.map(
    ([code, name, type, keeper], i) =>
      `(${i + 1}, ${quote(code)}, ${quote(name)}, ${quote(type)}, ${quote(keeper)})`,
  );
  return `INSERT INTO app.warehouse (id, version, created_at, created_by, updated_at, updated_by, code, name,
      warehouse_type, manager, is_active)
    SELECT ${ctx.id("warehouse", "w.n")}, 1, ${time}, '${GENERATOR}', ${time}, '${GENERATOR}',
      w.code, w.name, w.type, w.keeper, true
    FROM (VALUES ${rows.join(", ")}) AS w(n, code, name, type, keeper) ORDER BY w.n`;
}

/**
 * The sample's units and item categories (its data/unit.json and data/item_category.json), for a
 * database where `loom apply` created the tables but no import wrote the reference data: each row
 * only when no row has its code yet.
 */
export function referenceDataSql(ctx: SampleContext): string[] {
  const time = masterTime(ctx);
  const units = [
    ["PCS", "Piece", 0],
    ["SET", "Set", 0],
    ["BOX", "Box", 0],
    ["KG", "Kilogram", 3],
    ["M", "Metre", 2],
    ["L", "Litre", 3],
  ] as const;
  const categories = [
    ["RAW", "Raw Materials", null],
    ["RAW-STEEL", "Steel", "RAW"],
    ["RAW-PLASTIC", "Plastics", "RAW"],
    ["SEMI", "Semi-finished Goods", null],
    ["FG", "Finished Goods", null],
    ["PACK", "Packaging", null],
  ] as const;
  const unitRows = units.map(
    ([code, name, decimals], i) => `(${i + 1}, ${quote(code)}, ${quote(name)}, ${decimals})`,
  );
  const insertUnits = `INSERT INTO app.unit (id, version, created_at, created_by, updated_at, updated_by,
      code, name, decimals)
    SELECT ${ctx.id("unit", "u.n")}, 1, ${time}, '${GENERATOR}', ${time}, '${GENERATOR}', u.code, u.name, u.decimals
    FROM (VALUES ${unitRows.join(", ")}) AS u(n, code, name, decimals)
    WHERE NOT EXISTS (SELECT 1 FROM app.unit x WHERE x.code = u.code)`;
  // parents first: a statement per tree level
  const insertCategories = [false, true].map((children) => {
    const rows = categories
      .map(([code, name, parent], i) => ({ code, name, parent, n: i + 1 }))
      .filter(({ parent }) => (parent !== null) === children)
      .map(
        ({ code, name, parent, n }) =>
          `(${n}, ${quote(code)}, ${quote(name)}, ${parent ? quote(parent) : "NULL"})`,
      );
    return `INSERT INTO app.item_category (id, version, created_at, created_by, updated_at, updated_by,
        code, name, parent_id)
      SELECT ${ctx.id("item_category", "c.n")}, 1, ${time}, '${GENERATOR}', ${time}, '${GENERATOR}',
        c.code, c.name, (SELECT p.id FROM app.item_category p WHERE p.code = c.parent)
      FROM (VALUES ${rows.join(", ")}) AS c(n, code, name, parent)
      WHERE NOT EXISTS (SELECT 1 FROM app.item_category x WHERE x.code = c.code)`;
  });
  return [insertUnits, ...insertCategories];
}

/** The regions of CITIES, as the acme-custom sample's sales_region rows: [code, name, manager]. */
const REGIONS = [
  ["EAST", "East China", "manager1"],
  ["SOUTH", "South China", "manager1"],
  ["NORTH", "North China", "manager2"],
  ["WEST", "West China", "manager2"],
  ["CENTRAL", "Central China", "manager2"],
] as const;

/**
 * Where the acme-custom sample is installed too (customer.region links to sales_region): its
 * regions (those not there yet), and each generated customer in the region of its city.
 */
export function regionsSql(ctx: SampleContext): string[] {
  const time = masterTime(ctx);
  const rows = REGIONS.map(
    ([code, name, manager], i) => `(${i + 1}, ${quote(code)}, ${quote(name)}, ${quote(manager)})`,
  );
  const cities = CITIES.map(([city, region]) => `(${quote(city)}, ${quote(region)})`);
  return [
    `INSERT INTO app.sales_region (id, version, created_at, created_by, updated_at, updated_by,
        code, name, manager, is_active)
      SELECT ${ctx.id("sales_region", "r.n")}, 1, ${time}, '${GENERATOR}', ${time}, '${GENERATOR}',
        r.code, r.name, r.manager, true
      FROM (VALUES ${rows.join(", ")}) AS r(n, code, name, manager)
      WHERE NOT EXISTS (SELECT 1 FROM app.sales_region x WHERE x.code = r.code)
      ORDER BY r.n`,
    `UPDATE app.customer c SET region = r.id
      FROM (VALUES ${cities.join(", ")}) AS m(city, region)
      JOIN app.sales_region r ON r.name = m.region
      WHERE c.code LIKE 'GC-%' AND c.address = m.city || ', ' || m.region`,
  ];
}
