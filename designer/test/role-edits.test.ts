import type { RoleDef } from "@loom/engine";
import { beforeAll, describe, expect, it } from "vitest";
import { checkDraft, loadBases } from "../src/draft/check-draft.ts";
import { applyChanges, type FileChanges, type Files } from "../src/draft/design-context.ts";
import { findRole } from "../src/roles/role-catalog.ts";
import {
  addGrant,
  addRole,
  type RoleEditResult,
  removeGrant,
  removeRole,
  setAction,
  setListItem,
  setRoleProperty,
  setWhere,
} from "../src/roles/role-edits.ts";
import { grantProperties, roleIssues } from "../src/roles/role-issues.ts";
import { contextOf, sampleDraft } from "./sample-draft.ts";

const FILE = "roles/regional_sales.json";
const BY_DEPARTMENT = { "==": [{ var: "department" }, { var: "$user.department" }] };

let custom: Files;
let base: Files;
/** the draft with sales_rep copied as regional_sales */
let copied: Files;

beforeAll(async () => {
  ({ custom, base } = await sampleDraft());
  copied = applied(
    custom,
    addRole(
      contextOf(custom, base),
      "regional_sales",
      { en: "Regional Sales", "zh-CN": "区域销售" },
      "sales_rep",
    ),
  );
});

function applied(files: Files, result: RoleEditResult): Files {
  return applyChanges(files, changesOf(result));
}

function changesOf(result: RoleEditResult): FileChanges {
  if (!result.ok) throw new Error(`refused: ${result.refusal.message}`);
  return result.changes;
}

function role(files: Files): RoleDef {
  return JSON.parse(files[FILE]!) as RoleDef;
}

/** The issues the engine finds in the draft's files, as the designer checks them. */
function issuesOf(files: Files) {
  return checkDraft("acme-custom", files, loadBases([{ files: base }]));
}

const edit = (files: Files) => contextOf(files, base, [FILE]);

describe("a new role in the draft", () => {
  it("copies a base role into a file of the draft under a new name, grants and all", () => {
    const copy = role(copied);
    const source = JSON.parse(base["roles/sales_rep.json"]!) as RoleDef;
    expect(copy).toEqual({
      ...source,
      name: "regional_sales",
      labels: { en: "Regional Sales", "zh-CN": "区域销售" },
    });
    expect(Object.keys(copy).slice(0, 3)).toEqual(["kind", "name", "labels"]);
    expect(issuesOf(copied)).toEqual([]);
    expect(findRole(edit(copied), "regional_sales")).toMatchObject({ own: true, file: FILE });
  });

  it("makes an empty role, and refuses a name that is taken or is no name", () => {
    const files = applied(custom, addRole(contextOf(custom, base), "auditor", { en: "Auditor" }));
    expect(JSON.parse(files["roles/auditor.json"]!)).toEqual({
      kind: "role",
      name: "auditor",
      labels: { en: "Auditor" },
      grants: [],
    });
    expect(issuesOf(files)).toEqual([]);
    const ctx = contextOf(custom, base);
    for (const [name, code] of [
      ["sales_rep", "role-exists"],
      ["admin", "role-exists"],
      ["Sales Rep", "bad-name"],
      ["../x", "bad-name"],
    ] as const) {
      const result = addRole(ctx, name, { en: "X" });
      expect(result.ok ? "made" : result.refusal.code, name).toBe(code);
    }
    const fromNowhere = addRole(ctx, "auditor", { en: "X" }, "admin");
    expect(fromNowhere.ok ? "made" : fromNowhere.refusal.code).toBe("unknown-role");
  });

  it("removes a role of the draft", () => {
    expect(changesOf(removeRole(edit(copied), "regional_sales"))).toEqual({ [FILE]: null });
  });
});

describe("a base package's role", () => {
  it("is never edited: every step on it is refused, naming its package", () => {
    const ctx = contextOf(custom, base);
    const steps = [
      setAction(ctx, "sales_rep", { grant: 0 }, "delete", false),
      setWhere(ctx, "sales_rep", 0, undefined),
      setListItem(ctx, "sales_rep", 0, "hiddenFields", "margin", false),
      setRoleProperty(ctx, "sales_rep", "designer", true),
      removeRole(ctx, "sales_rep"),
      addGrant(ctx, "admin", "item"),
    ];
    for (const result of steps) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.refusal.code).toBe("base-role");
    }
    const refused = steps[0]!;
    expect(!refused.ok && refused.refusal.package).toBe("manufacturing");
  });
});

describe("the matrix's steps on a role of the draft", () => {
  it("takes one action and gives another in the schema's order, leaving the other grants' text as it was", () => {
    const before = copied[FILE]!;
    let files = applied(
      copied,
      setAction(edit(copied), "regional_sales", { grant: 0 }, "delete", false),
    );
    files = applied(files, setAction(edit(files), "regional_sales", { grant: 0 }, "import", true));
    expect(role(files).grants![0]!.actions).toEqual([
      "read",
      "create",
      "update",
      "export",
      "import",
      "report",
    ]);
    const tail = (text: string) => text.slice(text.indexOf('"entity": "expense_claim"'));
    expect(tail(files[FILE]!)).toBe(tail(before));
    expect(issuesOf(files)).toEqual([]);
  });

  it("gives an action on an entity without a grant by adding a grant of it", () => {
    const files = applied(
      copied,
      setAction(edit(copied), "regional_sales", { entity: "purchase_order" }, "read", true),
    );
    expect(role(files).grants!.at(-1)).toEqual({ entity: "purchase_order", actions: ["read"] });
    expect(role(files).grants!.length).toBe(role(copied).grants!.length + 1);
  });

  it("removes a grant with its last action when it holds nothing else", () => {
    const customer = role(copied).grants!.findIndex((g) => g.entity === "customer");
    const files = applied(
      copied,
      setAction(edit(copied), "regional_sales", { grant: customer }, "read", false),
    );
    expect(role(files).grants!.map((g) => g.entity)).toEqual([
      "sales_order",
      "expense_claim",
      "item",
    ]);
  });

  it("keeps a grant with a row scope when its last action goes, and the engine's problem points at its row", () => {
    let files = copied;
    for (const action of ["read", "create", "update", "delete", "export", "report"] as const)
      files = applied(files, setAction(edit(files), "regional_sales", { grant: 0 }, action, false));
    const grant = role(files).grants![0]!;
    expect(grant.actions).toEqual([]);
    expect(grant.where).toEqual(role(copied).grants![0]!.where);
    expect(grant.hiddenFields).toEqual(["margin"]);
    const found = roleIssues(issuesOf(files), "acme-custom", FILE);
    expect([...found.grants.keys()]).toEqual([0]);
    expect(grantProperties(found.grants.get(0)!, 0)).toEqual(new Set(["actions"]));
    expect(found.role).toEqual([]);
  });

  it("sets a row scope over the user, checked by the engine against the entity's fields", () => {
    const files = applied(copied, setWhere(edit(copied), "regional_sales", 0, BY_DEPARTMENT));
    expect(role(files).grants![0]!.where).toEqual(BY_DEPARTMENT);
    expect(issuesOf(files)).toEqual([]);

    const wrong = applied(
      copied,
      setWhere(edit(copied), "regional_sales", 0, { "==": [{ var: "no_such_field" }, 1] }),
    );
    const found = roleIssues(issuesOf(wrong), "acme-custom", FILE);
    expect(grantProperties(found.grants.get(0)!, 0)).toEqual(new Set(["where"]));
    expect(found.grants.get(0)![0]!.message).toContain("no_such_field");

    const everyRow = applied(copied, setWhere(edit(copied), "regional_sales", 0, undefined));
    expect(role(everyRow).grants![0]).not.toHaveProperty("where");
  });

  it("hides a line field and a field that does not exist: the engine points at the second, on its grant", () => {
    let files = applied(
      copied,
      setListItem(edit(copied), "regional_sales", 0, "hiddenFields", "lines.unit_price", true),
    );
    expect(role(files).grants![0]!.hiddenFields).toEqual(["margin", "lines.unit_price"]);
    expect(issuesOf(files)).toEqual([]);
    files = applied(
      files,
      setListItem(edit(files), "regional_sales", 0, "hiddenFields", "no_such", true),
    );
    const found = roleIssues(issuesOf(files), "acme-custom", FILE);
    const issues = found.grants.get(0)!;
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ["/grants/0/hiddenFields/2", "unknown-field"],
    ]);
    expect(grantProperties(issues, 0)).toEqual(new Set(["hiddenFields"]));
  });

  it("drops a list with its last item, and adds one where the grant had none", () => {
    let files = applied(
      copied,
      setListItem(edit(copied), "regional_sales", 0, "hiddenFields", "margin", false),
    );
    expect(role(files).grants![0]).not.toHaveProperty("hiddenFields");
    files = applied(
      files,
      setListItem(edit(files), "regional_sales", 0, "readOnlyFields", "exchange_rate", true),
    );
    expect(role(files).grants![0]!.readOnlyFields).toEqual(["exchange_rate"]);
    files = applied(
      files,
      setListItem(edit(files), "regional_sales", 0, "workflowActions", "withdraw", false),
    );
    expect(role(files).grants![0]!.workflowActions).toEqual(["submit", "cancel"]);
    expect(issuesOf(files)).toEqual([]);
  });

  it("adds a second grant of an entity (update one's own beside reading all) and removes it again", () => {
    const files = applied(copied, addGrant(edit(copied), "regional_sales", "sales_order"));
    const grants = role(files).grants!;
    expect(grants.filter((g) => g.entity === "sales_order").length).toBe(2);
    expect(grants.at(-1)).toEqual({ entity: "sales_order", actions: ["read"] });
    expect(issuesOf(files)).toEqual([]);
    const back = applied(files, removeGrant(edit(files), "regional_sales", grants.length - 1));
    expect(role(back)).toEqual(role(copied));
  });

  it("never loses what it does not show: an unknown entity's grant and odd entries stay as written", () => {
    const text = `{
  "kind": "role",
  "name": "odd",
  "labels": { "en": "Odd" },
  "grants": [
    { "entity": "nowhere", "actions": ["read"], "hiddenFields": ["x"] },
    { "entity": "item", "actions": ["read", 7] },
    { "entity": "customer", "actions": ["read"] }
  ]
}
`;
    const files = { ...custom, "roles/odd.json": text };
    const ctx = contextOf(files, base, ["roles/odd.json"]);
    const changed = changesOf(setAction(ctx, "odd", { grant: 1 }, "create", true));
    const written = changed["roles/odd.json"]!;
    expect(JSON.parse(written).grants).toEqual([
      { entity: "nowhere", actions: ["read"], hiddenFields: ["x"] },
      { entity: "item", actions: ["read", 7, "create"] },
      { entity: "customer", actions: ["read"] },
    ]);
    expect(written.startsWith(text.slice(0, text.indexOf('{ "entity": "item"')))).toBe(true);
    expect(written.endsWith(`    { "entity": "customer", "actions": ["read"] }\n  ]\n}\n`)).toBe(
      true,
    );
  });
});

describe("the role's own properties", () => {
  it("sets labels, description and the designer flag, and removes what is cleared", () => {
    let files = applied(
      copied,
      setRoleProperty(edit(copied), "regional_sales", "description", undefined),
    );
    files = applied(files, setRoleProperty(edit(files), "regional_sales", "designer", true));
    expect(role(files)).not.toHaveProperty("description");
    expect(role(files).designer).toBe(true);
    expect(issuesOf(files)).toEqual([]);
  });

  it("lets a customization's role be an administrator, the engine asking for its grants to go", () => {
    const files = applied(
      copied,
      setRoleProperty(edit(copied), "regional_sales", "administrator", true),
    );
    const found = roleIssues(issuesOf(files), "acme-custom", FILE);
    expect(found.role.map((issue) => [issue.path, issue.code])).toEqual([
      ["/grants", "administrator-with-grants"],
    ]);
    expect(found.grants.size).toBe(0);
  });
});
