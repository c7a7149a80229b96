import { fileURLToPath } from "node:url";
import { readPackageDir } from "../../runtime/src/store/read-package-dir.ts";
import { basePackages, type DesignContext, type Files } from "../src/draft/design-context.ts";

const SAMPLES = fileURLToPath(new URL("../../metadata-samples/", import.meta.url));

/** The samples as the designer meets them: a draft of acme-custom over manufacturing. */
export async function sampleDraft(): Promise<{ custom: Files; base: Files }> {
  return {
    custom: await readPackageDir(`${SAMPLES}manufacturing-custom`),
    base: await readPackageDir(`${SAMPLES}manufacturing`),
  };
}

/** The context of `files` as the draft package; `added`: files new in the draft. */
export function contextOf(files: Files, base: Files, added: readonly string[] = []): DesignContext {
  return {
    draft: { name: "acme-custom", files, added: new Set(added) },
    bases: basePackages([{ name: "manufacturing", layer: "base", files: base }]),
  };
}
