import type { AppModel } from "../model/app-model.ts";
import type { ReportIssue } from "./check-report.ts";
import { coerceParameter } from "./report-parameters.ts";
import type { ReportParameter } from "./types.ts";

/** Parameters: unique names, options for select only, an existing target for link only, defaults of their type. */
export function parameterIssues(
  parameters: readonly ReportParameter[],
  model: AppModel,
  base: string,
): ReportIssue[] {
  const issues: ReportIssue[] = [];
  const add = (path: string, code: string, message: string): void => {
    issues.push({ code, message, path });
  };
  const seen = new Set<string>();
  parameters.forEach((parameter, i) => {
    const at = `${base}/${i}`;
    if (seen.has(parameter.name))
      add(`${at}/name`, "duplicate-parameter", `parameter "${parameter.name}" is declared twice`);
    seen.add(parameter.name);
    if (parameter.type === "select" && !parameter.options)
      add(at, "missing-options", `select parameter "${parameter.name}" needs "options"`);
    if (parameter.type !== "select" && parameter.options)
      add(`${at}/options`, "options-not-select", `only a select parameter has options`);
    if (parameter.type === "link") {
      if (!parameter.target)
        add(at, "missing-target", `link parameter "${parameter.name}" needs a "target" entity`);
      else if (!model.entities[parameter.target])
        add(
          `${at}/target`,
          "unknown-entity",
          `entity "${parameter.target}" is not defined by any package`,
        );
    } else if (parameter.target)
      add(`${at}/target`, "target-not-link", `only a link parameter has a target`);
    const d = parameter.default;
    if (d !== undefined && typeof d === "object") {
      if (parameter.type !== "date")
        add(
          `${at}/default`,
          "invalid-default",
          `a relative default is a date; "${parameter.name}" is a ${parameter.type} parameter`,
        );
    } else if (d !== undefined) {
      const coerced = coerceParameter(parameter, d);
      if ("problem" in coerced) add(`${at}/default`, "invalid-default", coerced.problem);
    }
  });
  return issues;
}
