import { describe, expect, it } from "vitest";
import { type Issue, parsePackage, referenceDataPlan, rowKey } from "../src/index.ts";
import { compile, loaded } from "./support/packages.ts";
import {
  type DataFile,
  dataFile,
  type StockFixture,
  stockFixture,
  stockPackages,
} from "./support/reference-data.ts";

const data = (files: Record<string, unknown>, file: string) => files[file] as DataFile;
const unit = (f: StockFixture) => data(f.base, "data/unit.json");
const limits = (f: StockFixture) => data(f.base, "data/approval_limit.json");
const categories = (f: StockFixture) => data(f.base, "data/item_category.json");

interface Case {
  readonly code: string;
  readonly package?: string;
  readonly file: string;
  readonly path: string;
  /** what the message must say */
  readonly says: string;
  readonly change: (fixture: StockFixture) => void;
}

const CASES: Record<string, Case> = {
  "an entity no package defines": {
    code: "unknown-entity",
    file: "data/unit.json",
    path: "/entity",
    says: '"gadget"',
    change: (f) => {
      unit(f).entity = "gadget";
    },
  },
  "an entity of a package the file's package does not depend on": {
    code: "data-foreign-entity",
    package: "other",
    file: "data/unit.json",
    path: "/entity",
    says: "dependsOn",
    change: (f) => {
      f.other["data/unit.json"] = dataFile("unit", [{ code: "EA", name: "Each" }]);
    },
  },
  "a child entity": {
    code: "data-child-entity",
    file: "data/kit_part.json",
    path: "/entity",
    says: '"kit"',
    change: (f) => {
      f.base["data/kit_part.json"] = dataFile("kit_part", [{ code: "P1" }]);
    },
  },
  "a submittable entity": {
    code: "data-submittable-entity",
    file: "data/purchase.json",
    path: "/entity",
    says: "business records",
    change: (f) => {
      f.base["data/purchase.json"] = dataFile("purchase", [{ code: "P1" }]);
    },
  },
  "an entity with a workflow": {
    code: "data-workflow-entity",
    file: "data/ticket.json",
    path: "/entity",
    says: '"ticket_flow"',
    change: (f) => {
      f.base["data/ticket.json"] = dataFile("ticket", [{ code: "T1" }]);
    },
  },
  "an entity with a naming series": {
    code: "data-numbered-entity",
    file: "data/invoice.json",
    path: "/entity",
    says: "naming series",
    change: (f) => {
      f.base["data/invoice.json"] = dataFile("invoice", [{ code: "I1" }]);
    },
  },
  "a key field the entity does not have": {
    code: "unknown-field",
    file: "data/unit.json",
    path: "/key/0",
    says: '"symbol"',
    change: (f) => {
      unit(f).key = ["symbol"];
    },
  },
  "a key field of a type that does not read back exactly": {
    code: "data-key-type",
    file: "data/contact.json",
    path: "/key/0",
    says: "decimal",
    change: (f) => {
      f.base["data/contact.json"] = dataFile("contact", [{ code: "C1", rate: 1.5 }], {
        key: ["rate"],
      });
    },
  },
  "a one-field key not declared unique": {
    code: "data-key-not-unique",
    file: "data/contact.json",
    path: "/key",
    says: '"unique": true',
    change: (f) => {
      f.base["data/contact.json"] = dataFile("contact", [{ code: "C1" }]);
    },
  },
  "a two-field key without a unique index over exactly those fields": {
    code: "data-key-not-unique",
    file: "data/price_band.json",
    path: "/key",
    says: "unique index",
    change: (f) => {
      f.base["entities/price_band.json"] = {
        ...(f.base["entities/price_band.json"] as object),
        indexes: [{ fields: ["company", "code", "ceiling"], unique: true }],
      };
    },
  },
  "two packages finding one entity's rows by different keys": {
    code: "data-key-mismatch",
    package: "stock-custom",
    file: "data/unit.json",
    path: "/key",
    says: '"code"',
    change: (f) => {
      f.base["entities/unit.json"] = {
        ...(f.base["entities/unit.json"] as object),
        indexes: [{ fields: ["code", "name"], unique: true }],
      };
      data(f.custom, "data/unit.json").key = ["code", "name"];
    },
  },
  "two data files of one package for one entity": {
    code: "duplicate-data",
    file: "data/units_more.json",
    path: "/entity",
    says: "data/unit.json",
    change: (f) => {
      f.base["data/units_more.json"] = dataFile("unit", [{ code: "M", name: "Metre" }]);
    },
  },
  "a key given twice in one file": {
    code: "duplicate-data-row",
    file: "data/unit.json",
    path: "/rows/2",
    says: "/rows/0",
    change: (f) => {
      unit(f).rows.push({ code: "PCS", name: "Pieces" });
    },
  },
  "a key another package gives too": {
    code: "duplicate-data-row",
    package: "stock-custom",
    file: "data/unit.json",
    path: "/rows/0",
    says: "stock/data/unit.json",
    change: (f) => {
      data(f.custom, "data/unit.json").rows[0]!.code = "KG";
    },
  },
  "a value of the wrong type": {
    code: "data-value",
    file: "data/unit.json",
    path: "/rows/1/decimals",
    says: "integer",
    change: (f) => {
      unit(f).rows[1]!.decimals = "three";
    },
  },
  "a value outside the field's bounds": {
    code: "data-value",
    file: "data/unit.json",
    path: "/rows/1/decimals",
    says: "6",
    change: (f) => {
      unit(f).rows[1]!.decimals = 9;
    },
  },
  "a row without its key": {
    code: "data-value",
    file: "data/currency.json",
    path: "/rows/1",
    says: '"code"',
    change: (f) => {
      data(f.base, "data/currency.json").rows[1] = { name: "Euro" };
    },
  },
  "a null key": {
    code: "data-value",
    file: "data/currency.json",
    path: "/rows/1/code",
    says: "string",
    change: (f) => {
      data(f.base, "data/currency.json").rows[1] = { code: null, name: "Euro" };
    },
  },
  "a row without a required field": {
    code: "data-value",
    file: "data/unit.json",
    path: "/rows/1",
    says: '"name"',
    change: (f) => {
      unit(f).rows[1] = { code: "KG" };
    },
  },
  "a field the entity does not have": {
    code: "unknown-field",
    file: "data/unit.json",
    path: "/rows/0/colour",
    says: '"colour"',
    change: (f) => {
      unit(f).rows[0]!.colour = "red";
    },
  },
  "a system column": {
    code: "unknown-field",
    file: "data/unit.json",
    path: "/rows/0/id",
    says: '"id"',
    change: (f) => {
      unit(f).rows[0]!.id = "0b7f1e3c-3a57-4d6e-9d3b-2f4c1c0a8e11";
    },
  },
  "a computed field": {
    code: "data-computed-field",
    file: "data/unit.json",
    path: "/rows/0/display",
    says: "computed",
    change: (f) => {
      unit(f).rows[0]!.display = "PCS Piece";
    },
  },
  "a table field": {
    code: "data-table-field",
    file: "data/kit.json",
    path: "/rows/0/parts",
    says: "lines",
    change: (f) => {
      f.base["data/kit.json"] = dataFile("kit", [{ code: "K1", parts: [] }]);
    },
  },
  "a link to an entity without reference data": {
    code: "data-link-no-data",
    file: "data/warehouse.json",
    package: "stock-custom",
    path: "/rows/0/unit",
    says: '"unit"',
    change: (f) => {
      delete f.base["data/unit.json"];
      delete f.custom["data/unit.json"];
    },
  },
  "a link naming a row no data file has": {
    code: "unknown-data-row",
    file: "data/approval_limit.json",
    path: "/rows/0/currency",
    says: '{"code":"EUR"}',
    change: (f) => {
      limits(f).rows[0]!.currency = "EUR";
    },
  },
  "a link naming a row of a package the file's package does not depend on": {
    code: "unknown-data-row",
    file: "data/approval_limit.json",
    path: "/rows/1/currency",
    says: '{"code":"CHF"}',
    change: (f) => {
      f.custom["data/currency.json"] = dataFile("currency", [{ code: "CHF" }]);
      limits(f).rows[1]!.currency = "CHF";
    },
  },
  "a two-field key's link given as one value": {
    code: "data-value",
    file: "data/approval_limit.json",
    path: "/rows/0/band",
    says: "object",
    change: (f) => {
      limits(f).rows[0]!.band = "A";
    },
  },
  "a tree row under itself": {
    code: "data-link-cycle",
    file: "data/item_category.json",
    path: "/rows/2/parent_id",
    says: "itself",
    change: (f) => {
      categories(f).rows[2]!.parent_id = "RAW";
    },
  },
  "tree rows under each other": {
    code: "data-link-cycle",
    file: "data/item_category.json",
    path: "/rows/0/parent_id",
    says: '{"code":"STEEL"} → {"code":"SHEET"} → {"code":"STEEL"}',
    change: (f) => {
      categories(f).rows[0]!.parent_id = "SHEET";
    },
  },
};

describe("reference data check", () => {
  it("accepts reference data of every shape, in packages layered on each other", () => {
    const { model, issues } = compile(...stockPackages(stockFixture()));
    expect(issues).toEqual([]);
    expect(model).toBeDefined();
  });

  it.each(Object.entries(CASES))("refuses %s", (_name, c) => {
    const fixture = stockFixture();
    c.change(fixture);
    const { model, issues } = compile(...stockPackages(fixture));
    expect(model).toBeUndefined();
    const found = issues.find((issue) => issue.code === c.code);
    expect(found, JSON.stringify(issues, null, 2)).toMatchObject({
      package: c.package ?? "stock",
      file: c.file,
      path: c.path,
    });
    expect(found?.message).toContain(c.says);
    // issues name the line of the file too, so an editor can open it there
    expect(found?.line).toBeGreaterThan(0);
  });

  it("refuses linked rows that can only be written in a circle across entities", () => {
    const fixture = stockFixture();
    fixture.base["entities/currency.json"] = {
      ...(fixture.base["entities/currency.json"] as { fields: unknown[] }),
      fields: [
        ...(fixture.base["entities/currency.json"] as { fields: unknown[] }).fields,
        { name: "default_limit", type: "link", labels: { en: "Limit" }, target: "approval_limit" },
      ],
    };
    data(fixture.base, "data/currency.json").rows[0]!.default_limit = "L1";
    const { issues } = compile(...stockPackages(fixture));
    const cycle = issues.filter((issue) => issue.code === "data-link-cycle");
    expect(cycle.map((issue) => issue.file).sort()).toEqual([
      "data/approval_limit.json",
      "data/currency.json",
    ]);
    expect(cycle[0]?.message).toContain('"approval_limit"');
  });

  it("reports every problem of every row, not just the first", () => {
    const fixture = stockFixture();
    unit(fixture).rows[0]!.decimals = -1;
    unit(fixture).rows[1]!.name = 5;
    limits(fixture).rows[0]!.currency = "EUR";
    const { issues } = compile(...stockPackages(fixture));
    expect(issues.map((i: Issue) => [i.code, i.path])).toEqual(
      expect.arrayContaining([
        ["data-value", "/rows/0/decimals"],
        ["data-value", "/rows/1/name"],
        ["unknown-data-row", "/rows/0/currency"],
      ]),
    );
  });

  it("refuses a data file of the wrong shape before anything else", () => {
    const fixture = stockFixture();
    unit(fixture).policy = "sometimes";
    unit(fixture).rows.push({ "Bad Name": 1 });
    const [files] = stockPackages(fixture);
    const { issues } = parsePackage(files!);
    expect(issues.map((i) => [i.code, i.file, i.path])).toEqual(
      expect.arrayContaining([
        ["schema", "data/unit.json", "/policy"],
        ["schema", "data/unit.json", "/rows/2"],
      ]),
    );
  });

  it("orders the writes: link targets first, a base's rows before its customization's, parents before children", () => {
    const packages = loaded(...stockPackages(stockFixture()));
    const { model } = compile(...stockPackages(stockFixture()));
    const plan = referenceDataPlan(packages, model!);
    const order = plan.files.map((file) => `${file.package}/${file.file}`);
    const before = (a: string, b: string) =>
      expect(order.indexOf(a)).toBeLessThan(order.indexOf(b));
    before("stock/data/currency.json", "stock/data/approval_limit.json");
    before("stock/data/price_band.json", "stock/data/approval_limit.json");
    before("stock/data/unit.json", "stock-custom/data/unit.json");
    before("stock/data/unit.json", "stock-custom/data/warehouse.json");
    const tree = plan.files.find((file) => file.def.entity === "item_category")!;
    expect(tree.rowOrder.map((i) => tree.def.rows[i]!.code)).toEqual(["RAW", "STEEL", "SHEET"]);
    expect(plan.keys.get("price_band")).toEqual(["company", "code"]);
  });

  it("writes a key as canonical JSON, whatever the order of the fields", () => {
    expect(rowKey(["company", "code"], { code: "A", company: "ACME", ceiling: 1 })).toBe(
      '{"code":"A","company":"ACME"}',
    );
    expect(rowKey(["code"], { name: "Piece", code: "PCS" })).toBe('{"code":"PCS"}');
  });
});
