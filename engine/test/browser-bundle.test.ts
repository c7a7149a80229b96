import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { samplePackageFiles } from "./support/sample-model.ts";

/**
 * The engine must run in a browser (the designer and /app use it). Bundling it for the browser
 * platform fails on any Node built-in, and running the bundle in a bare V8 context — no process,
 * Buffer, require or fs — fails on any Node global it reaches for at run time.
 */
describe("the engine in a browser-like context", () => {
  it("bundles for the browser and compiles, plans and evaluates with no Node global", async () => {
    const bundle = await build({
      entryPoints: [new URL("../src/index.ts", import.meta.url).pathname],
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "LoomEngine",
      write: false,
      logLevel: "silent",
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(["']node:/);

    const input = {
      base: samplePackageFiles("manufacturing"),
      custom: samplePackageFiles("manufacturing-custom"),
    };
    const context: Record<string, unknown> = { input };
    runInNewContext(
      `${code}
      const E = LoomEngine;
      const packages = [E.parsePackage(input.base).package, E.parsePackage(input.custom).package];
      const compiled = E.compileApp(packages);
      globalThis.result = {
        entities: Object.keys(compiled.model.entities).length,
        steps: E.planMigration(null, compiled.model).steps.length,
        amount: E.evaluate({ round: [{ "*": [{ var: "qty" }, { var: "price" }] }, 2] }, { qty: 3, price: 1.005 }),
        typeofProcess: typeof process,
      };`,
      context,
    );
    expect(context.result).toMatchObject({
      entities: 17,
      amount: 3.02,
      typeofProcess: "undefined",
    });
    expect((context.result as { steps: number }).steps).toBeGreaterThan(15);
  });
});
