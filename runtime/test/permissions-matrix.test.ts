import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { type Api, authed, signIn } from "./support/auth.ts";
import { testDatabases } from "./support/databases.ts";
import { currentApp, installSample } from "./support/sample-app.ts";

/** The role files as consultants wrote them: the expectations come from here, not from the engine. */
const ROLES_DIR = fileURLToPath(
  new URL("../../metadata-samples/manufacturing/roles/", import.meta.url),
);
interface EntityFile {
  name: string;
  type?: string;
}
interface RoleFile {
  name: string;
  grants: { entity: string; actions: string[] }[];
}
const roleFiles: RoleFile[] = readdirSync(ROLES_DIR)
  .filter((file) => file.endsWith(".json"))
  .map((file) => JSON.parse(readFileSync(path.join(ROLES_DIR, file), "utf8")) as RoleFile);

/** Every document entity the sample packages define (lines are read and written with their document). */
const DOCUMENTS: string[] = ["manufacturing", "manufacturing-custom"]
  .map((pkg) => fileURLToPath(new URL(`../../metadata-samples/${pkg}/entities/`, import.meta.url)))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith(".json"))
      .map((file) => JSON.parse(readFileSync(path.join(dir, file), "utf8")) as EntityFile),
  )
  .filter((entity) => entity.type !== "child")
  .map((entity) => entity.name)
  .sort();
const ACTIONS = ["read", "create", "update", "delete"] as const;
type Action = (typeof ACTIONS)[number];

/** allowed when any grant of the role lists the action on the entity; admin: always */
function expected(role: string, entity: string, action: Action): boolean {
  if (role === "admin") return true;
  const file = roleFiles.find((r) => r.name === role)!;
  return file.grants.some((g) => g.entity === entity && g.actions.includes(action));
}

describe.each(testDatabases())("the permission matrix of the sample roles on $name", ({ open }) => {
  let db: Database & { dispose(): Promise<void> };
  let app: Express;
  const as: Record<string, Api> = {};

  beforeAll(async () => {
    db = await open();
    await installSample(db);
    app = await currentApp(db);
    for (const role of ["admin", ...roleFiles.map((r) => r.name)])
      as[role] = authed(
        app,
        (await signIn(db, { username: `matrix_${role}`, roles: [role] })).token,
      );
  });
  afterAll(() => db?.dispose());

  /** the request of an action; a refusal is 403 `forbidden`, anything else means allowed */
  const attempt = (api: Api, entity: string, action: Action) => {
    const id = randomUUID();
    switch (action) {
      case "read":
        return api.get(`/api/data/${entity}`);
      case "create":
        return api.post(`/api/data/${entity}`).send({});
      case "update":
        return api.patch(`/api/data/${entity}/${id}`).send({ version: 1 });
      case "delete":
        return api.delete(`/api/data/${entity}/${id}?version=1`);
    }
  };

  it("covers every document entity of the sample", () => {
    expect(DOCUMENTS).toEqual(
      expect.arrayContaining(["expense_claim", "purchase_request", "sales_order", "sales_region"]),
    );
    expect(DOCUMENTS).toHaveLength(13);
  });

  it("covers the sample's seven roles besides the built-in admin", () => {
    expect(roleFiles.map((r) => r.name).sort()).toEqual([
      "cfo",
      "consultant",
      "finance",
      "legal",
      "sales_manager",
      "sales_rep",
      "warehouse_clerk",
    ]);
  });

  for (const role of ["admin", ...roleFiles.map((r) => r.name)]) {
    it(`gives ${role} exactly what its grants say`, async () => {
      const seen: string[] = [];
      const wanted: string[] = [];
      for (const entity of DOCUMENTS) {
        for (const action of ACTIONS) {
          const res = await attempt(as[role]!, entity, action);
          expect(res.status, `${role} ${action} ${entity}: ${JSON.stringify(res.body)}`).not.toBe(
            500,
          );
          const allowed = !(res.status === 403 && res.body.code === "forbidden");
          if (!allowed) expect(res.body.permission).toBe(`${entity}.${action}`);
          seen.push(`${entity}.${action}=${allowed}`);
          wanted.push(`${entity}.${action}=${expected(role, entity, action)}`);
        }
      }
      expect(seen).toEqual(wanted);
    });
  }
});
