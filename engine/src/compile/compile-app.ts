import { checkReferenceData } from "../data/check-data.ts";
import { type Issue, LoomError } from "../errors.ts";
import { applyLayers } from "../layer/apply-layers.ts";
import { type JsonSource, locatePointer, parseJsonSource } from "../load/json-source.ts";
import type { LoadedPackage } from "../metadata/types.ts";
import type { AppModel, Entity } from "../model/app-model.ts";
import { physicalSchema } from "../plan/physical-schema.ts";
import { collectReports } from "../reports/collect-reports.ts";
import { compileReports } from "../reports/compile-reports.ts";
import { checkUi } from "../ui/check-ui.ts";
import { collectUi } from "../ui/collect-ui.ts";
import { compileUi } from "../ui/compile-ui.ts";
import { bindStateFields } from "../workflow/bind-state-fields.ts";
import { checkWorkflows, compileWorkflows } from "../workflow/check-workflows.ts";
import { collectWorkflows } from "../workflow/collect-workflows.ts";
import { checkEntities } from "./check-entities.ts";
import { checkExpressions } from "./check-expressions.ts";
import { checkRoles } from "./check-roles.ts";
import { checkSubmittable } from "./check-submittable.ts";
import { collectParameters } from "./collect-parameters.ts";
import { collectRoles } from "./collect-roles.ts";
import { compileEntity } from "./compile-entity.ts";
import { compileRoles } from "./compile-roles.ts";
import { withLifecycleFields } from "./lifecycle-fields.ts";
import { orderPackages } from "./order-packages.ts";
import { tableOwners } from "./table-owners.ts";

/**
 * Packages → AppModel: order by dependency, layer customizations over their bases, collect the
 * roles, workflows, forms, views and menus, cross-check everything (every issue is reported,
 * none stops the others), then compile. No model is returned while any issue remains, so nothing
 * downstream ever sees half-valid metadata.
 */
export function compileApp(packages: readonly LoadedPackage[]): {
  model?: AppModel;
  issues: Issue[];
} {
  const { ordered, issues: packageIssues } = orderPackages(packages);
  const { entities: layered, issues: layerIssues } = applyLayers(ordered);
  const { roles, issues: roleIssues } = collectRoles(ordered);
  const { workflows, issues: workflowIssues } = collectWorkflows(ordered);
  const { ui, issues: uiIssues } = collectUi(ordered);
  const { parameters, issues: parameterIssues } = collectParameters(ordered);
  const { reports: workingReports, issues: reportIssues } = collectReports(ordered);
  const issues = [
    ...packageIssues,
    ...layerIssues,
    ...roleIssues,
    ...workflowIssues,
    ...uiIssues,
    ...parameterIssues,
    ...reportIssues,
    ...checkEntities(layered),
  ];
  // from here on the lifecycle fields of submittable entities are fields like the others
  const entities = withLifecycleFields(layered);
  // expression and grant checks resolve fields by name: meaningless while names themselves are broken
  if (issues.length === 0)
    issues.push(
      ...checkSubmittable(entities),
      ...checkExpressions(entities, parameters),
      ...checkRoles(roles, entities),
    );
  if (issues.length > 0) return { issues: locateIssues(issues, packages) };

  const owners = tableOwners(entities);
  const compiled: Record<string, Entity> = {};
  for (const name of [...entities.keys()].sort())
    compiled[name] = compileEntity(entities.get(name)!, owners);
  const compiledRoles = compileRoles(roles);
  // workflows, forms and views are checked against compiled entities: read-only, lifecycle fields,
  // title fields and defaults resolved
  const bindingIssues = [
    ...checkWorkflows(workflows, compiled, compiledRoles, parameters),
    ...checkUi(ui, compiled, {
      reports: new Set(workingReports.reports.keys()),
      dashboards: new Set(workingReports.dashboards.keys()),
    }),
  ];
  if (bindingIssues.length > 0) return { issues: locateIssues(bindingIssues, packages) };
  const compiledWorkflows = compileWorkflows(workflows, compiled);
  const boundEntities = bindStateFields(compiled, compiledWorkflows);
  const model: AppModel = {
    packages: ordered.map(({ manifest }) => ({
      name: manifest.name,
      version: manifest.version,
      layer: manifest.layer,
      dependsOn: { ...manifest.dependsOn },
    })),
    entities: boundEntities,
    roles: compiledRoles,
    workflows: compiledWorkflows,
    ...compileUi(
      ui,
      boundEntities,
      ordered.map(({ manifest }) => ({ name: manifest.name, labels: manifest.labels })),
    ),
    // only when declared: models without parameters keep their checksums
    ...(Object.keys(parameters).length > 0 && { parameters }),
  };
  // reports name views and parameters: checked against the finished model
  const reported = compileReports(workingReports, model);
  if (reported.issues.length > 0) return { issues: locateIssues(reported.issues, packages) };
  if (Object.keys(reported.reports).length > 0) Object.assign(model, { reports: reported.reports });
  if (Object.keys(reported.dashboards).length > 0)
    Object.assign(model, { dashboards: reported.dashboards });
  // rows are checked like records of the finished model: its fields, keys, indexes and workflows
  const dataIssues = checkReferenceData(ordered, model);
  if (dataIssues.length > 0) return { issues: locateIssues(dataIssues, packages) };
  const storageIssues = storageClashes(model);
  if (storageIssues.length > 0) return { issues: storageIssues };
  return { model: deepFreeze(model), issues: [] };
}

/**
 * Generated SQL names (indexes, constraints) share one namespace per schema and are cut to 63
 * bytes; a clash would otherwise only surface halfway through applying a plan.
 */
function storageClashes(model: AppModel): Issue[] {
  try {
    physicalSchema(model);
    return [];
  } catch (error) {
    if (error instanceof LoomError)
      return error.issues.length > 0
        ? [...error.issues]
        : [{ code: error.code, message: error.message }];
    throw error;
  }
}

/** Adds line and column to issues that name a file and a pointer. */
function locateIssues(issues: readonly Issue[], packages: readonly LoadedPackage[]): Issue[] {
  const cache = new Map<string, JsonSource | undefined>();
  const sourceOf = (pkg: string, file: string): JsonSource | undefined => {
    const key = `${pkg}\u0000${file}`;
    if (!cache.has(key)) {
      const text = packages.find((p) => p.manifest.name === pkg)?.files[file];
      cache.set(key, text === undefined ? undefined : parseJsonSource(text).source);
    }
    return cache.get(key);
  };
  return issues.map((issue) => {
    if (issue.line !== undefined || !issue.package || !issue.file || issue.path === undefined)
      return issue;
    const source = sourceOf(issue.package, issue.file);
    return source ? { ...issue, ...locatePointer(source, issue.path) } : issue;
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
