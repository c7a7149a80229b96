import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readPackageDir } from "../src/store/read-package-dir.ts";

let dir: string | undefined;
afterEach(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

describe("readPackageDir", () => {
  it("reads every .json file below the folder, keyed by its /-separated relative path", async () => {
    dir = await mkdtemp(path.join(tmpdir(), "loom-pkg-"));
    await mkdir(path.join(dir, "entities", "sales"), { recursive: true });
    await mkdir(path.join(dir, "node_modules", "x"), { recursive: true });
    await writeFile(path.join(dir, "loom-package.json"), "{}");
    await writeFile(path.join(dir, "entities", "item.json"), '{"a":1}');
    await writeFile(path.join(dir, "entities", "sales", "order.json"), "[]");
    await writeFile(path.join(dir, "entities", "notes.md"), "# not metadata");
    await writeFile(path.join(dir, "node_modules", "x", "package.json"), "{}");

    expect(await readPackageDir(dir)).toEqual({
      "entities/item.json": '{"a":1}',
      "entities/sales/order.json": "[]",
      "loom-package.json": "{}",
    });
  });

  it("reports a missing folder as invalid input", async () => {
    await expect(readPackageDir("/no/such/loom/package")).rejects.toMatchObject({
      code: "package-dir-not-found",
    });
  });
});
