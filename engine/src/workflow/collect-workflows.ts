import type { Issue } from "../errors.ts";
import { issueAt } from "../layer/apply-layers.ts";
import type { Loc } from "../layer/working-model.ts";
import type { LoadedPackage } from "../metadata/types.ts";
import type { WorkflowDef } from "./types.ts";

export interface WorkingWorkflow {
  readonly def: WorkflowDef;
  readonly loc: Loc;
}

/**
 * The workflow files of every package, by the entity they bind. A workflow is a whole document:
 * an entity follows at most one, and a name is given once, whichever packages the files are in.
 */
export function collectWorkflows(ordered: readonly LoadedPackage[]): {
  workflows: Map<string, WorkingWorkflow>;
  issues: Issue[];
} {
  const byEntity = new Map<string, WorkingWorkflow>();
  const byName = new Map<string, WorkingWorkflow>();
  const issues: Issue[] = [];
  for (const pkg of ordered) {
    for (const { file, def } of pkg.components) {
      if (def.kind !== "workflow") continue;
      const loc = { package: pkg.manifest.name, file, pointer: "" };
      const named = byName.get(def.name);
      const bound = byEntity.get(def.entity);
      if (named) {
        issues.push(
          issueAt(
            { ...loc, pointer: "/name" },
            "duplicate-workflow-name",
            `workflow "${def.name}" is already defined in ${where(named)}; give this one another name`,
          ),
        );
      } else if (bound) {
        issues.push(
          issueAt(
            { ...loc, pointer: "/entity" },
            "duplicate-workflow",
            `entity "${def.entity}" already follows workflow "${bound.def.name}" (${where(bound)}); an entity follows one workflow: change that one or remove one of ${where(bound)} and ${loc.package}/${file}`,
          ),
        );
      } else {
        const working = { def, loc };
        byName.set(def.name, working);
        byEntity.set(def.entity, working);
      }
    }
  }
  return { workflows: byEntity, issues };
}

function where({ loc }: WorkingWorkflow): string {
  return `${loc.package}/${loc.file}`;
}
