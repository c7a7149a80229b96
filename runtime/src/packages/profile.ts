import { LoomError } from "@loom/engine";

/**
 * An environment profile: `{ "parameters": { "<name>": <value> | { "env": "<VARIABLE>" } } }`.
 * `{ env }` reads the value from the environment of the process, so a secret need not be written
 * into a file kept next to the package. Returns the parameter values by name.
 */
export function parseProfile(
  text: string,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidProfile("", `the profile is not JSON: ${(error as Error).message}`);
  }
  if (!isObject(parsed) || Object.keys(parsed).some((key) => key !== "parameters"))
    throw invalidProfile("", `a profile is an object with one key, "parameters"`);
  const parameters = parsed.parameters ?? {};
  if (!isObject(parameters))
    throw invalidProfile("/parameters", `"parameters" maps parameter names to values`);
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(parameters)) {
    if (!isObject(value)) {
      values[name] = value;
      continue;
    }
    const variable = value.env;
    if (typeof variable !== "string" || Object.keys(value).length !== 1)
      throw invalidProfile(
        `/parameters/${name}`,
        `a value is text, a number, true/false, or { "env": "<VARIABLE>" }`,
      );
    const found = env[variable];
    if (found === undefined)
      throw invalidProfile(
        `/parameters/${name}`,
        `environment variable ${variable} is not set (parameter "${name}" reads it)`,
      );
    values[name] = found;
  }
  return values;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalidProfile(path: string, message: string): LoomError {
  return new LoomError("invalid-profile", message, [{ code: "invalid-profile", path, message }]);
}
