import { defaultValue, type ReportParameter } from "@loom/engine";
import type { ParameterValues } from "./report-api.ts";

/**
 * The values to run with: the address's where set, else each parameter's default (relative
 * dates resolved as the server does), else none (the server then applies its own rules).
 */
export function initialValues(
  parameters: readonly ReportParameter[],
  fromAddress: ParameterValues,
  now: Date = new Date(),
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const parameter of parameters) {
    const value = fromAddress[parameter.name] ?? defaultValue(parameter, now);
    if (value !== null && value !== "") values[parameter.name] = String(value);
  }
  return values;
}

/** The values of `values` that `parameters` declare (a report refuses parameters it lacks). */
export function valuesFor(
  parameters: readonly ReportParameter[],
  values: ParameterValues,
): Record<string, string> {
  const known = new Set(parameters.map((p) => p.name));
  return Object.fromEntries(Object.entries(values).filter(([name]) => known.has(name)));
}
