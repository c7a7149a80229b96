import { describe, expect, it } from "vitest";
import { parsePackage } from "../src/index.ts";
import { entity, field, packageFiles } from "./support/packages.ts";

describe("parsePackage", () => {
  it("loads a valid package with its manifest and components", () => {
    const files = packageFiles(
      { name: "shop" },
      { "entities/customer.json": entity("customer", [field("code", "text")]) },
    );
    const { package: pkg, issues } = parsePackage(files);
    expect(issues).toEqual([]);
    expect(pkg?.manifest.name).toBe("shop");
    expect(pkg?.components.map((c) => c.file)).toEqual(["entities/customer.json"]);
  });

  it("reports a JSON syntax error with file, line and column", () => {
    const files = packageFiles({ name: "shop" }, {});
    files["entities/bad.json"] = '{\n  "kind": "entity",\n  "name": "x",,\n}\n';
    const { package: pkg, issues } = parsePackage(files);
    expect(pkg).toBeUndefined();
    expect(issues[0]).toMatchObject({
      code: "json-syntax",
      file: "entities/bad.json",
      line: 3,
      package: "shop",
    });
  });

  it("reports a misspelt property at the line where it is written", () => {
    const files = packageFiles({ name: "shop" }, {});
    files["entities/customer.json"] = `{
  "kind": "entity",
  "name": "customer",
  "labels": { "en": "Customer" },
  "fields": [
    { "name": "code", "type": "text", "lables": { "en": "Code" } }
  ]
}
`;
    const { issues } = parsePackage(files);
    const unknown = issues.find((i) => i.path === "/fields/0/lables");
    expect(unknown).toMatchObject({
      code: "schema",
      file: "entities/customer.json",
      line: 6,
      column: 39,
    });
    expect(unknown?.message).toContain('unknown property "lables"');
    // the missing `labels` is reported too: every problem at once, not the first only
    expect(issues.some((i) => i.path === "/fields/0" && i.message.includes('"labels"'))).toBe(true);
  });

  it("rejects an unknown field type and names the allowed ones", () => {
    const files = packageFiles(
      { name: "shop" },
      { "entities/a.json": entity("a", [field("x", "string")]) },
    );
    const { issues } = parsePackage(files);
    expect(issues.some((i) => i.path === "/fields/0/type" && i.message.includes('"text"'))).toBe(
      true,
    );
  });

  it("requires a target on link fields and options on selects", () => {
    const files = packageFiles(
      { name: "shop" },
      { "entities/a.json": entity("a", [field("b", "link"), field("s", "select")]) },
    );
    const paths = parsePackage(files).issues.map((i) => `${i.path} ${i.message}`);
    expect(paths.some((p) => p.startsWith("/fields/0") && p.includes("target"))).toBe(true);
    expect(paths.some((p) => p.startsWith("/fields/1") && p.includes("options"))).toBe(true);
  });

  it("refuses a property on a field type it does not apply to, saying where it belongs", () => {
    const files = packageFiles(
      { name: "shop" },
      { "entities/a.json": entity("a", [field("x", "text", { precision: 10 })]) },
    );
    const { issues } = parsePackage(files);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: "schema", path: "/fields/0/precision" });
    expect(issues[0]!.message).toContain("decimal");
  });

  it("refuses names that are not identifiers", () => {
    const files = packageFiles(
      { name: "shop" },
      { "entities/a.json": entity("Sales Order", [field("x", "text")]) },
    );
    expect(parsePackage(files).issues).toContainEqual(
      expect.objectContaining({ code: "schema", path: "/name" }),
    );
  });

  it("requires a manifest and a semver version", () => {
    const noManifest = packageFiles({ name: "shop" }, {});
    delete noManifest["loom-package.json"];
    expect(parsePackage(noManifest).issues[0]?.code).toBe("missing-manifest");
    const badVersion = packageFiles({ name: "shop", version: "one" }, {});
    expect(parsePackage(badVersion).issues).toContainEqual(
      expect.objectContaining({ path: "/version" }),
    );
  });

  it("refuses a file whose kind is unknown", () => {
    const files = packageFiles(
      { name: "shop" },
      { "entities/a.json": { kind: "entitty", name: "a" } },
    );
    expect(parsePackage(files).issues).toContainEqual(
      expect.objectContaining({
        code: "unknown-kind",
        file: "entities/a.json",
        path: "/kind",
        line: 2,
      }),
    );
  });
});
