import {
  type EntityExtensionDef,
  type LoadedPackage,
  LoomError,
  type MigrationStep,
  parsePackage,
} from "@loom/engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { importPackages } from "../src/packages/import-packages.ts";
import { prepareImport } from "../src/packages/import-preview.ts";
import { rollbackRequest } from "../src/packages/rollback-package.ts";
import { readPackageDir } from "../src/store/read-package-dir.ts";
import { testDatabases } from "./support/databases.ts";
import { fieldOf, SHOP, SHOP_CUSTOM, shopVersion } from "./support/packages.ts";
import { columnsOf, databaseSnapshot } from "./support/snapshot.ts";

const actor = "test";

async function fromDir(dir: string): Promise<LoadedPackage> {
  const { package: loaded, issues } = parsePackage(await readPackageDir(dir));
  if (!loaded) throw new Error(JSON.stringify(issues));
  return loaded;
}

/** shop-custom at `version`, its customer extension's fields replaced by `fields`. */
async function customVersion(
  version: string,
  edit: (extension: EntityExtensionDef) => void,
): Promise<LoadedPackage> {
  const files = await readPackageDir(SHOP_CUSTOM);
  const manifest = { ...JSON.parse(files["loom-package.json"]!), version };
  const extension = JSON.parse(files["extensions/customer.json"]!) as EntityExtensionDef;
  edit(extension);
  const { package: loaded, issues } = parsePackage({
    "loom-package.json": JSON.stringify(manifest, null, 2),
    "extensions/customer.json": JSON.stringify(extension, null, 2),
  });
  if (!loaded) throw new Error(JSON.stringify(issues));
  return loaded;
}

async function customers(db: Database): Promise<Record<string, unknown>[]> {
  return db.run(async (k) =>
    (
      await k.raw(
        `SELECT to_jsonb(c) - 'updated_at' - 'created_at' AS row FROM app.customer c ORDER BY code`,
      )
    ).rows.map((r: { row: Record<string, unknown> }) => r.row),
  );
}

describe.each(testDatabases())(
  "upgrading a base package under a customization on $name",
  (target) => {
    let db: Database & { dispose(): Promise<void> };
    beforeEach(async () => {
      db = await target.open();
      const result = await importPackages(
        db,
        { packages: [await fromDir(SHOP), await fromDir(SHOP_CUSTOM)] },
        { actor },
      );
      expect(result.status).toBe("applied");
      await db.run((k) =>
        k.raw(`INSERT INTO app.customer (code, name, legacy_ref, wechat_id, created_by, updated_by)
             VALUES ('C1', 'Acme', 'OLD-1', 'wx-acme', 't', 't'), ('C2', 'Bolt', 'OLD-2', NULL, 't', 't')`),
      );
    });
    afterEach(() => db?.dispose());

    /** base 1.1.0: customer gets an email field and legacy_ref becomes old_system_ref */
    const compatibleBase = () =>
      shopVersion("1.1.0", (entities) => {
        const customer = entities.customer!;
        fieldOf(customer, "legacy_ref").name = "old_system_ref";
        fieldOf(customer, "old_system_ref").renamedFrom = "legacy_ref";
        customer.fields.push({ name: "email", type: "email", labels: { en: "E-mail" } });
      });

    it("keeps the customization and its data when the base adds fields and renames one", async () => {
      const base = await compatibleBase();
      const { preview } = await prepareImport(db, { packages: [base] });
      expect(preview).toMatchObject({
        blocked: false,
        unchanged: false,
        conflicts: [],
        problems: [],
      });
      expect(preview.packages).toEqual([
        expect.objectContaining({ name: "shop", change: "upgrade", from: "1.0.0", to: "1.1.0" }),
      ]);
      expect(preview.packages[0]!.files).toEqual([
        { file: "entities/customer.json", change: "changed" },
        { file: "loom-package.json", change: "changed" },
      ]);
      expect(preview.plan!.steps.map((s) => s.kind).sort()).toEqual([
        "add-column",
        "rename-column",
      ]);

      const result = await importPackages(
        db,
        { packages: [base] },
        { actor, planId: preview.planId },
      );
      expect(result.status).toBe("applied");
      expect(await customers(db)).toEqual([
        expect.objectContaining({
          code: "C1",
          old_system_ref: "OLD-1",
          wechat_id: "wx-acme",
          email: null,
        }),
        expect.objectContaining({ code: "C2", old_system_ref: "OLD-2", wechat_id: null }),
      ]);
      const installed = await db.run(
        async (k) =>
          (await k.raw(`SELECT name, version FROM loom_sys.packages ORDER BY name`)).rows,
      );
      expect(installed).toEqual([
        { name: "shop", version: "1.1.0" },
        { name: "shop-custom", version: "1.0.0" },
      ]);
      // the same import again has nothing to do
      const again = await importPackages(db, { packages: [base] }, { actor });
      expect(again.status).toBe("unchanged");
    });

    it("reports a base field that takes a custom field's name as a conflict, refuses it, and applies once resolved", async () => {
      const clashing = await shopVersion("1.2.0", (entities) => {
        entities.customer!.fields.push({
          name: "wechat_id",
          type: "text",
          labels: { en: "WeChat", "zh-CN": "微信" },
        });
      });
      const { preview } = await prepareImport(db, { packages: [clashing] });
      expect(preview.blocked).toBe(true);
      expect(preview.conflicts).toEqual([
        expect.objectContaining({
          code: "duplicate-field",
          package: "shop-custom",
          file: "extensions/customer.json",
          resolution: expect.stringContaining("rename the custom field"),
        }),
      ]);
      const before = await databaseSnapshot(db);
      const refused = await importPackages(db, { packages: [clashing] }, { actor }).catch((e) => e);
      expect(refused).toBeInstanceOf(LoomError);
      expect(refused).toMatchObject({ code: "import-refused" });
      expect((refused as LoomError).issues[0]!.message).toContain("shop-custom");
      expect(await databaseSnapshot(db)).toEqual(before);

      // resolved: the customization drops its own field, the base's field of that name takes over
      const resolved = await customVersion("1.1.0", (extension) => {
        extension.fields = [{ name: "line_id", type: "text", labels: { en: "LINE" } }];
      });
      const fixed = await prepareImport(db, { packages: [clashing, resolved] });
      expect(fixed.preview).toMatchObject({ blocked: false, conflicts: [] });
      await importPackages(
        db,
        { packages: [clashing, resolved] },
        {
          actor,
          planId: fixed.preview.planId,
        },
      );
      expect((await customers(db))[0]).toMatchObject({ code: "C1", wechat_id: "wx-acme" });
    });

    it("reports a base version the customization does not accept, with what to do", async () => {
      const major = await shopVersion("2.0.0", () => {});
      const { preview } = await prepareImport(db, { packages: [major] });
      expect(preview.conflicts).toEqual([
        expect.objectContaining({
          code: "dependency-version",
          package: "shop-custom",
          resolution: expect.stringContaining('widen its "dependsOn"'),
        }),
      ]);
    });

    it("retires a column the import drops, and a rollback of the package brings it back with its values", async () => {
      const withoutField = await customVersion("1.1.0", (extension) => {
        extension.fields = [{ name: "line_id", type: "text", labels: { en: "LINE" } }];
      });
      const { preview } = await prepareImport(db, { packages: [withoutField] });
      expect(preview.plan!.dataLosing).toBe(false);
      await importPackages(db, { packages: [withoutField] }, { actor, planId: preview.planId });
      expect(Object.keys(await columnsOf(db, "customer"))).not.toContain("wechat_id");

      const rollback = await rollbackRequest(db, "shop-custom");
      expect(rollback.packages.map((p) => `${p.manifest.name}@${p.manifest.version}`)).toEqual([
        "shop-custom@1.0.0",
      ]);
      const back = await prepareImport(db, rollback);
      expect(back.preview.packages[0]).toMatchObject({
        change: "downgrade",
        from: "1.1.0",
        to: "1.0.0",
      });
      await importPackages(db, rollback, { actor, planId: back.preview.planId });
      expect((await customers(db))[0]).toMatchObject({ code: "C1", wechat_id: "wx-acme" });
    });

    it("leaves the target exactly as it was when a step fails during an import or a rollback", async () => {
      const base = await compatibleBase();
      const failAt =
        (n: number) =>
        async (_step: MigrationStep, index: number): Promise<void> => {
          if (index === n) throw new Error("injected failure");
        };
      const before = await databaseSnapshot(db);
      await expect(
        importPackages(db, { packages: [base] }, { actor, beforeStep: failAt(1) }),
      ).rejects.toThrow("injected failure");
      expect(await databaseSnapshot(db)).toEqual(before);

      await importPackages(db, { packages: [base] }, { actor });
      const upgraded = await databaseSnapshot(db);
      const rollback = await rollbackRequest(db, "shop");
      await expect(
        importPackages(db, rollback, { actor, allowDataLoss: true, beforeStep: failAt(1) }),
      ).rejects.toThrow("injected failure");
      expect(await databaseSnapshot(db)).toEqual(upgraded);
    });

    it("refuses a plan id when the target changed after the preview", async () => {
      const base = await compatibleBase();
      const { preview } = await prepareImport(db, { packages: [base] });
      // the model changes in between: another import
      const other = await customVersion("1.0.1", (extension) => {
        extension.fields!.push({ name: "line_id", type: "text", labels: { en: "LINE" } });
      });
      await importPackages(db, { packages: [other] }, { actor });
      const before = await databaseSnapshot(db);
      await expect(
        importPackages(db, { packages: [base] }, { actor, planId: preview.planId }),
      ).rejects.toMatchObject({ code: "plan-stale" });
      expect(await databaseSnapshot(db)).toEqual(before);
    });
  },
);
