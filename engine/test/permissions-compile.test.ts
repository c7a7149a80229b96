import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AppModel,
  compilePermissions,
  ENTITY_ACTIONS,
  type EntityPermissions,
  type Grant,
  type Role,
} from "../src/index.ts";
import { compile, packageFiles } from "./support/packages.ts";
import { ORDER_ENTITIES } from "./support/roles.ts";
import { sampleModel } from "./support/sample-model.ts";

const { model: BASE } = compile(packageFiles({ name: "base-pkg" }, ORDER_ENTITIES));

const MINE = { "==": [{ var: "sales_person" }, { var: "$user.username" }] };
const MY_DEPARTMENT = { "==": [{ var: "department" }, { var: "$user.department" }] };

function grant(entity: string, actions: Grant["actions"], extra: Partial<Grant> = {}): Grant {
  return { entity, actions, hiddenFields: [], readOnlyFields: [], workflowActions: [], ...extra };
}

/** A model holding exactly these roles (besides the built-in admin). */
function withRoles(roles: Record<string, readonly Grant[]>): AppModel {
  const compiled: Record<string, Role> = { admin: BASE!.roles.admin! };
  for (const [name, grants] of Object.entries(roles))
    compiled[name] = {
      name,
      labels: { en: name },
      administrator: false,
      grants,
      origin: { package: "base-pkg", file: `roles/${name}.json` },
    };
  return { ...BASE!, roles: compiled };
}

/** Sets as sorted arrays, so two results compare with toEqual and print readably. */
function plain(p: EntityPermissions) {
  const sorted = (set: ReadonlySet<string>) => [...set].sort();
  return {
    entity: p.entity,
    scopes: p.scopes,
    hidden: sorted(p.hidden),
    notWritable: { create: sorted(p.notWritable.create), update: sorted(p.notWritable.update) },
    workflowActions: sorted(p.workflowActions),
  };
}

const scopesWith = (scope: unknown) =>
  Object.fromEntries(ENTITY_ACTIONS.map((action) => [action, scope]));

describe("compilePermissions", () => {
  it("grants nothing for role names the model does not define", () => {
    const permissions = compilePermissions(withRoles({}), ["ghost"]);
    expect(permissions.roles).toEqual([]);
    expect(permissions.administrator).toBe(false);
    expect(plain(permissions.entity("sales_order"))).toEqual({
      entity: "sales_order",
      scopes: scopesWith(null),
      hidden: [],
      notWritable: { create: [], update: [] },
      workflowActions: [],
    });
  });

  it("knows the built-in admin even in a model stored before roles existed", () => {
    const { roles: _none, ...older } = BASE!;
    const permissions = compilePermissions(older as AppModel, ["admin"]);
    expect(permissions.administrator).toBe(true);
    expect(compilePermissions({ ...BASE!, roles: {} }, ["admin"]).administrator).toBe(true);
  });

  it("lets designer roles and administrators design, and nobody else", () => {
    const base = withRoles({ clerk: [grant("sales_order", ["read"])], consultant: [] });
    const consultant = { ...base.roles.consultant!, designer: true };
    const model: AppModel = { ...base, roles: { ...base.roles, consultant } };
    expect(compilePermissions(model, ["clerk"]).designer).toBe(false);
    expect(compilePermissions(model, ["clerk", "consultant"]).designer).toBe(true);
    expect(compilePermissions(model, ["admin"]).designer).toBe(true);
    // designing gives no access to records by itself
    expect(compilePermissions(model, ["consultant"]).entity("sales_order").scopes.read).toBeNull();
    // a role stored before `designer` existed has none of it
    const { designer: _none, ...older } = consultant;
    const stored: AppModel = { ...base, roles: { ...base.roles, consultant: older } };
    expect(compilePermissions(stored, ["consultant"]).designer).toBe(false);
  });

  it("lets the administrator do every action on every row, hiding nothing", () => {
    const model = withRoles({
      rep: [grant("sales_order", ["read"], { where: MINE, hiddenFields: ["margin"] })],
    });
    const permissions = compilePermissions(model, ["rep", "admin"]);
    expect(permissions.administrator).toBe(true);
    expect(permissions.roles).toEqual(["admin", "rep"]);
    expect(plain(permissions.entity("sales_order"))).toEqual({
      entity: "sales_order",
      scopes: scopesWith({ all: true }),
      hidden: [],
      notWritable: { create: [], update: [] },
      workflowActions: [],
    });
  });

  it("uses a single grant's where as the scope, and no scope for actions it does not give", () => {
    const permissions = compilePermissions(
      withRoles({ rep: [grant("sales_order", ["read", "update"], { where: MINE })] }),
      ["rep"],
    );
    const { scopes } = permissions.entity("sales_order");
    expect(scopes.read).toEqual({ where: MINE });
    expect(scopes.update).toEqual({ where: MINE });
    expect(scopes.delete).toBeNull();
    expect(permissions.entity("customer").scopes.read).toBeNull();
  });

  it("ors the scopes of several grants, each distinct where once", () => {
    const model = withRoles({
      rep: [grant("sales_order", ["read", "update"], { where: MINE })],
      manager: [grant("sales_order", ["read"], { where: MY_DEPARTMENT })],
      other_rep: [grant("sales_order", ["read"], { where: MINE })],
    });
    const { scopes } = compilePermissions(model, ["rep", "manager", "other_rep"]).entity(
      "sales_order",
    );
    // roles are taken in name order: manager, other_rep, rep
    expect(scopes.read).toEqual({ where: { or: [MY_DEPARTMENT, MINE] } });
    expect(scopes.update).toEqual({ where: MINE });
  });

  it("gives every row when one grant of the action has no where", () => {
    const model = withRoles({
      rep: [grant("sales_order", ["read", "update"], { where: MINE })],
      cfo: [grant("sales_order", ["read"])],
    });
    const { scopes } = compilePermissions(model, ["rep", "cfo"]).entity("sales_order");
    expect(scopes.read).toEqual({ all: true });
    expect(scopes.update).toEqual({ where: MINE });
  });

  it("hides a field only when every read grant hides it", () => {
    const model = withRoles({
      rep: [
        grant("sales_order", ["read"], {
          hiddenFields: ["margin", "lines.unit_price", "lines.qty"],
        }),
      ],
      manager: [grant("sales_order", ["read"], { hiddenFields: ["margin", "lines"] })],
      writer: [grant("sales_order", ["create"], { hiddenFields: ["exchange_rate"] })],
    });
    const hidden = (roles: string[]) =>
      [...compilePermissions(model, roles).entity("sales_order").hidden].sort();
    expect(hidden(["rep"])).toEqual(["lines.qty", "lines.unit_price", "margin"]);
    // `lines` hides every line field, so the intersection keeps rep's line fields
    expect(hidden(["rep", "manager"])).toEqual(["lines.qty", "lines.unit_price", "margin"]);
    expect(hidden(["manager"])).toEqual(["lines", "margin"]);
    // a grant that does not read does not make fields visible or hidden
    expect(hidden(["rep", "writer"])).toEqual(["lines.qty", "lines.unit_price", "margin"]);
  });

  it("makes a field unwritable by an action when every grant of that action hides it or makes it read-only", () => {
    const model = withRoles({
      rep: [
        grant("sales_order", ["read", "create", "update"], {
          hiddenFields: ["margin"],
          readOnlyFields: ["exchange_rate"],
        }),
      ],
      manager: [grant("sales_order", ["read", "update"], { readOnlyFields: ["exchange_rate"] })],
    });
    const { hidden, notWritable } = compilePermissions(model, ["rep", "manager"]).entity(
      "sales_order",
    );
    expect([...hidden]).toEqual([]);
    expect([...notWritable.create].sort()).toEqual(["exchange_rate", "margin"]);
    expect([...notWritable.update]).toEqual(["exchange_rate"]);
  });

  it("unites workflow actions of every grant on the entity", () => {
    const model = withRoles({
      rep: [grant("sales_order", ["read"], { workflowActions: ["submit", "withdraw"] })],
      manager: [grant("sales_order", ["read"], { workflowActions: ["approve", "submit"] })],
    });
    const { workflowActions } = compilePermissions(model, ["rep", "manager"]).entity("sales_order");
    expect([...workflowActions].sort()).toEqual(["approve", "submit", "withdraw"]);
  });

  it("answers for a child entity with its root document's permissions", () => {
    const permissions = compilePermissions(
      withRoles({ rep: [grant("sales_order", ["read"], { where: MINE })] }),
      ["rep"],
    );
    const document = permissions.entity("sales_order");
    expect(permissions.entity("sales_order_line")).toBe(document);
    expect(permissions.entity("sales_order_batch")).toBe(document);
    expect(document.entity).toBe("sales_order");
  });

  it("allows nothing on an entity the model does not have, administrator or not", () => {
    for (const roles of [["admin"], ["rep"]]) {
      const permissions = compilePermissions(
        withRoles({ rep: [grant("sales_order", ["read"])] }),
        roles,
      );
      expect(plain(permissions.entity("invoice"))).toMatchObject({
        entity: "invoice",
        scopes: scopesWith(null),
      });
    }
  });

  it("compiles the sample roles as the issue describes them", () => {
    const model = sampleModel("manufacturing", "manufacturing-custom");
    const rep = compilePermissions(model, ["sales_rep"]);
    expect(rep.entity("sales_order").scopes.read).toEqual({ where: MINE });
    expect([...rep.entity("sales_order").hidden]).toEqual(["margin"]);
    expect(rep.entity("purchase_order").scopes.read).toBeNull();
    const manager = compilePermissions(model, ["sales_manager"]).entity("sales_order");
    expect(manager.scopes.read).toEqual({ where: MY_DEPARTMENT });
    expect(manager.scopes.create).toBeNull();
    const cfo = compilePermissions(model, ["cfo", "sales_rep"]).entity("sales_order");
    expect(cfo.scopes.read).toEqual({ all: true });
    expect([...cfo.hidden]).toEqual([]);
    expect(cfo.scopes.update).toEqual({ where: MINE });
    const clerk = compilePermissions(model, ["warehouse_clerk"]);
    expect([...clerk.entity("item").hidden]).toEqual(["standard_price"]);
    expect([...clerk.entity("stock_move").hidden]).toEqual(["unit_cost"]);
    expect(clerk.entity("sales_order").scopes.read).toBeNull();
  });
});

describe("compilePermissions as a union (property)", () => {
  const PATHS = ["margin", "exchange_rate", "lines", "lines.unit_price", "lines.qty"];
  const arbGrant: fc.Arbitrary<Grant> = fc
    .record({
      entity: fc.constantFrom("sales_order", "customer"),
      actions: fc.subarray([...ENTITY_ACTIONS], { minLength: 1 }),
      where: fc.option(fc.constantFrom(MINE, MY_DEPARTMENT), { nil: undefined }),
      hiddenFields: fc.subarray(PATHS),
      readOnlyFields: fc.subarray(PATHS),
      workflowActions: fc.subarray(["submit", "approve"]),
    })
    .map(({ where, ...rest }) => ({ ...rest, ...(where !== undefined && { where }) }));
  const arbRoles = fc.dictionary(
    fc.constantFrom("a", "b", "c", "d"),
    fc.array(arbGrant, { maxLength: 3 }),
    { minKeys: 1 },
  );

  it("does not depend on the order or repetition of role names", () => {
    fc.assert(
      fc.property(
        arbRoles.chain((roles) =>
          fc.tuple(
            fc.constant(roles),
            fc.shuffledSubarray([...Object.keys(roles), "ghost"], { minLength: 1 }),
          ),
        ),
        ([roles, names]) => {
          const model = withRoles(roles);
          const one = compilePermissions(model, names);
          const other = compilePermissions(model, [...names].reverse().concat(names));
          for (const entity of ["sales_order", "customer", "sales_order_line"])
            expect(plain(other.entity(entity))).toEqual(plain(one.entity(entity)));
        },
      ),
    );
  });

  it("never takes an action away when a role is added", () => {
    fc.assert(
      fc.property(arbRoles, (roles) => {
        const model = withRoles(roles);
        const names = Object.keys(roles);
        const all = compilePermissions(model, names).entity("sales_order");
        for (const name of names) {
          const one = compilePermissions(model, [name]).entity("sales_order");
          for (const action of ENTITY_ACTIONS)
            if (one.scopes[action] !== null) expect(all.scopes[action]).not.toBeNull();
        }
      }),
    );
  });
});
