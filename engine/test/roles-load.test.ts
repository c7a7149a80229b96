import { describe, expect, it } from "vitest";
import { parsePackage } from "../src/index.ts";
import { packageFiles } from "./support/packages.ts";
import { role } from "./support/roles.ts";

const parse = (components: Record<string, unknown>) =>
  parsePackage(packageFiles({ name: "shop" }, components));

describe("parsePackage with role files", () => {
  it("loads roles/*.json as role components", () => {
    const { package: pkg, issues } = parse({
      "roles/clerk.json": role("clerk", [{ entity: "customer", actions: ["read"] }]),
    });
    expect(issues).toEqual([]);
    expect(pkg?.components).toEqual([
      {
        file: "roles/clerk.json",
        def: role("clerk", [{ entity: "customer", actions: ["read"] }]),
      },
    ]);
  });

  it("locates a misspelt grant property by file, pointer, line and column", () => {
    const files = packageFiles({ name: "shop" }, {});
    files["roles/clerk.json"] = `{
  "kind": "role",
  "name": "clerk",
  "labels": { "en": "Clerk" },
  "grants": [
    { "entity": "customer", "actions": ["read"], "hidenFields": ["name"] }
  ]
}
`;
    const { issues } = parsePackage(files);
    expect(issues).toEqual([
      {
        code: "schema",
        message: 'unknown property "hidenFields"',
        file: "roles/clerk.json",
        path: "/grants/0/hidenFields",
        line: 6,
        column: 50,
        package: "shop",
      },
    ]);
  });

  it("refuses an unknown action and names the allowed ones", () => {
    const { issues } = parse({
      "roles/clerk.json": role("clerk", [{ entity: "customer", actions: ["read", "write"] }]),
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "/grants/0/actions/1", file: "roles/clerk.json" });
    expect(issues[0]!.message).toContain('"read", "create", "update", "delete"');
  });

  it("refuses a grant without actions", () => {
    const { issues } = parse({
      "roles/clerk.json": role("clerk", [{ entity: "customer", actions: [] }]),
    });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["/grants/0/actions", "must NOT have fewer than 1 items"],
    ]);
  });

  it("refuses an action listed twice, pointing at the repeat", () => {
    const { issues } = parse({
      "roles/clerk.json": role("clerk", [
        { entity: "customer", actions: ["read", "update", "read"] },
      ]),
    });
    expect(issues.map((i) => [i.path, i.message])).toEqual([
      ["/grants/0/actions/2", '"read" is listed twice (also at index 0)'],
    ]);
  });

  it("refuses role names and workflow actions that are not identifiers", () => {
    const { issues } = parse({
      "roles/clerk.json": role("Clerk-1", [
        { entity: "customer", actions: ["read"], workflowActions: ["Submit now"] },
      ]),
    });
    expect(issues.map((i) => i.path).sort()).toEqual(["/grants/0/workflowActions/0", "/name"]);
  });

  it("refuses a field path that is not dotted identifiers", () => {
    const { issues } = parse({
      "roles/clerk.json": role("clerk", [
        { entity: "customer", actions: ["read"], hiddenFields: ["lines..price"] },
      ]),
    });
    expect(issues.map((i) => i.path)).toEqual(["/grants/0/hiddenFields/0"]);
  });
});
