import { type LoadedPackage, parsePackage } from "@loom/engine";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../src/db/database.ts";
import { readPackageInput, writePackageZip } from "../src/packages/archive/index.ts";
import { exportPackages } from "../src/packages/export-packages.ts";
import { importPackages } from "../src/packages/import-packages.ts";
import { prepareImport } from "../src/packages/import-preview.ts";
import {
  currentParameterValues,
  parameterStatuses,
  storedParameterValues,
} from "../src/packages/parameters.ts";
import { parseProfile } from "../src/packages/profile.ts";
import { readPackageDir } from "../src/store/read-package-dir.ts";
import { currentRevision } from "../src/store/revisions.ts";
import { testDatabases } from "./support/databases.ts";
import { SHOP } from "./support/packages.ts";
import { databaseSnapshot } from "./support/snapshot.ts";

const labels = { en: "Parameter", "zh-CN": "参数" };
const SECRET = "s3cret-token-value";

/** The shop package at `version` declaring `parameters`. */
async function shopWith(
  version: string,
  parameters: Record<string, unknown>,
): Promise<LoadedPackage> {
  const files = await readPackageDir(SHOP);
  const manifest = { ...JSON.parse(files["loom-package.json"]!), version, parameters };
  const { package: loaded, issues } = parsePackage({
    ...files,
    "loom-package.json": JSON.stringify(manifest, null, 2),
  });
  if (!loaded) throw new Error(JSON.stringify(issues));
  return loaded;
}

const DECLARED = {
  approval_limit: { type: "decimal", default: 50000, labels },
  erp_token: { type: "text", secret: true, labels },
};

describe.each(testDatabases())("package parameters on $name", (target) => {
  let db: Database & { dispose(): Promise<void> };
  beforeEach(async () => {
    db = await target.open();
  });
  afterEach(() => db?.dispose());

  const values = () => db.run((k) => currentParameterValues(k));

  it("refuses an import that leaves a parameter without a value, naming it, and changes nothing", async () => {
    const pkg = await shopWith("1.0.0", DECLARED);
    const { preview } = await prepareImport(db, { packages: [pkg] });
    expect(preview).toMatchObject({ blocked: true, parameters: { missing: ["erp_token"] } });
    const before = await databaseSnapshot(db);
    await expect(importPackages(db, { packages: [pkg] }, { actor: "it" })).rejects.toMatchObject({
      code: "import-refused",
      issues: [
        expect.objectContaining({ code: "parameter-missing", path: "/parameters/erp_token" }),
      ],
    });
    expect(await databaseSnapshot(db)).toEqual(before);
  });

  it("takes values from a profile (an environment variable for the secret), and refuses unknown names or wrong types", async () => {
    const pkg = await shopWith("1.0.0", DECLARED);
    const wrong = await prepareImport(db, {
      packages: [pkg],
      parameters: { approval_limit: "lots", erp_tokn: "x", erp_token: SECRET },
    });
    expect(wrong.preview.problems.map((p) => [p.code, p.path])).toEqual([
      ["parameter-value", "/parameters/approval_limit"],
      ["unknown-parameter", "/parameters/erp_tokn"],
    ]);

    const profile = parseProfile(
      JSON.stringify({ parameters: { approval_limit: 80000, erp_token: { env: "ERP_TOKEN" } } }),
      { ERP_TOKEN: SECRET },
    );
    const { preview } = await prepareImport(db, { packages: [pkg], parameters: profile });
    expect(preview.blocked).toBe(false);
    // the preview and its plan id never carry the secret
    expect(JSON.stringify(preview)).not.toContain(SECRET);
    const otherSecret = await prepareImport(db, {
      packages: [pkg],
      parameters: { ...profile, erp_token: "another" },
    });
    expect(otherSecret.preview.planId).toBe(preview.planId);

    await importPackages(
      db,
      { packages: [pkg], parameters: profile },
      {
        actor: "it",
        planId: preview.planId,
      },
    );
    expect(await values()).toEqual({ approval_limit: 80000, erp_token: SECRET });
    const statuses = await db.run(async (k) =>
      parameterStatuses(
        (await currentRevision(k))!.model.parameters,
        await storedParameterValues(k),
      ),
    );
    expect(statuses).toEqual([
      expect.objectContaining({ name: "approval_limit", source: "set", value: 80000 }),
      expect.objectContaining({
        name: "erp_token",
        source: "set",
        secret: true,
        value: "********",
      }),
    ]);
  });

  it("keeps the environment's values through an upgrade that changes the defaults, and never exports them", async () => {
    await importPackages(
      db,
      { packages: [await shopWith("1.0.0", DECLARED)], parameters: { erp_token: SECRET } },
      { actor: "it" },
    );
    expect(await values()).toEqual({ approval_limit: 50000, erp_token: SECRET });
    const upgraded = await shopWith("1.1.0", {
      ...DECLARED,
      approval_limit: { ...DECLARED.approval_limit, default: 70000 },
      region: { type: "text", default: "east", labels },
    });
    const result = await importPackages(db, { packages: [upgraded] }, { actor: "it" });
    expect(result.status).toBe("applied");
    // the default moved with the package; the secret set here stayed
    expect(await values()).toEqual({ approval_limit: 70000, erp_token: SECRET, region: "east" });

    const zip = await writePackageZip(await exportPackages(db, ["shop"]));
    const [folder] = await readPackageInput(zip);
    expect(JSON.stringify(folder!.files)).not.toContain(SECRET);
    expect(zip.includes(Buffer.from(SECRET))).toBe(false);
  });

  it("stores a profile's values alone when the packages are installed exactly so", async () => {
    const pkg = await shopWith("1.0.0", DECLARED);
    await importPackages(
      db,
      { packages: [pkg], parameters: { erp_token: SECRET } },
      { actor: "it" },
    );
    const revisions = async () =>
      (await db.run((k) => k.raw(`SELECT count(*)::int AS n FROM loom_sys.revisions`))).rows[0].n;
    const count = await revisions();
    const result = await importPackages(
      db,
      { packages: [pkg], parameters: { approval_limit: 1 } },
      { actor: "it" },
    );
    expect(result.status).toBe("parameters-set");
    expect(await revisions()).toBe(count);
    expect((await values()).approval_limit).toBe(1);
  });
});
