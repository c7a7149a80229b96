import { type Issue, type LoadedPackage, LoomError, parsePackage } from "@loom/engine";
import { type ErrorDetail, HttpError } from "../http-error.ts";

/** The body of POST /api/meta/plan: package folders as `path → JSON text`. */
export interface PlanRequest {
  packages: LoadedPackage[];
}

/** The body of POST /api/meta/publish: the packages and the consents `applyPackages` takes. */
export interface PublishRequest extends PlanRequest {
  allowDataLoss: boolean;
  onConversionFailure?: "null" | "keep";
  note?: string;
}

const PLAN_KEYS = new Set(["packages"]);
const PUBLISH_KEYS = new Set(["packages", "allowDataLoss", "onConversionFailure", "note"]);

export function parsePlanRequest(body: unknown): PlanRequest {
  const fields = requestFields(body, PLAN_KEYS);
  return { packages: loadPackages(fields.packages) };
}

export function parsePublishRequest(body: unknown): PublishRequest {
  const { packages, allowDataLoss, onConversionFailure, note } = requestFields(body, PUBLISH_KEYS);
  const options: Omit<PublishRequest, "packages"> = { allowDataLoss: false };
  const problems: ErrorDetail[] = [];
  if (typeof allowDataLoss === "boolean") options.allowDataLoss = allowDataLoss;
  else if (allowDataLoss !== undefined)
    problems.push({ path: "/allowDataLoss", message: "must be true or false" });
  if (onConversionFailure === "null" || onConversionFailure === "keep")
    options.onConversionFailure = onConversionFailure;
  else if (onConversionFailure !== undefined)
    problems.push({ path: "/onConversionFailure", message: 'must be "null" or "keep"' });
  if (typeof note === "string") options.note = note;
  else if (note !== undefined) problems.push({ path: "/note", message: "must be a string" });
  if (problems.length > 0) throw badRequest(problems);
  return { packages: loadPackages(packages), ...options };
}

/** The body as an object of known keys only. */
function requestFields(body: unknown, known: ReadonlySet<string>): Record<string, unknown> {
  if (!isObject(body)) throw badRequest([{ path: "", message: "the body must be a JSON object" }]);
  const unknown = Object.keys(body).filter((key) => !known.has(key));
  if (unknown.length > 0) {
    throw badRequest(
      unknown.map((key) => ({ path: `/${escapePointer(key)}`, message: "unknown property" })),
    );
  }
  return body;
}

/**
 * Parses every package with the engine, the way `loom validate` parses a folder, and reports
 * every issue of every package located in the body.
 */
function loadPackages(value: unknown): LoadedPackage[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw badRequest([{ path: "/packages", message: "must be a non-empty array of packages" }]);
  }
  const shapes = value.map((pkg, index) => packageFiles(pkg, index));
  const problems = shapes.flatMap((shape) => ("problem" in shape ? [shape.problem] : []));
  if (problems.length > 0) throw badRequest(problems);

  const loaded: LoadedPackage[] = [];
  const issues: ErrorDetail[] = [];
  shapes.forEach((shape, index) => {
    if (!("files" in shape)) return;
    const parsed = parsePackage(shape.files);
    if (parsed.package) loaded.push(parsed.package);
    issues.push(...parsed.issues.map((issue) => locateIssue(issue, index)));
  });
  if (issues.length > 0) throw invalidMetadata(issues);
  return loaded;
}

function packageFiles(
  pkg: unknown,
  index: number,
): { files: Record<string, string> } | { problem: ErrorDetail } {
  const path = `/packages/${index}`;
  if (!isObject(pkg) || !isObject(pkg.files) || Object.keys(pkg).some((key) => key !== "files")) {
    return { problem: { path, message: 'must be { "files": { "<path>": "<JSON text>" } }' } };
  }
  const files: Record<string, string> = {};
  for (const [file, text] of Object.entries(pkg.files)) {
    if (typeof text !== "string") {
      return {
        problem: {
          path: `${path}/files/${escapePointer(file)}`,
          message: "must be the file's text",
        },
      };
    }
    files[file] = text;
  }
  return { files };
}

/**
 * Rewrites `invalid-metadata` (what compiling the packages together found) so each issue points
 * into the body by the package's name; other errors pass unchanged.
 */
export function locateMetadataErrors(error: unknown, packages: readonly LoadedPackage[]): unknown {
  if (!(error instanceof LoomError) || error.code !== "invalid-metadata") return error;
  const indexOf = new Map(packages.map((pkg, index) => [pkg.manifest.name, index]));
  return invalidMetadata(
    error.issues.map((issue) => {
      const index = issue.package === undefined ? undefined : indexOf.get(issue.package);
      return index === undefined
        ? { path: "", message: formatInstalled(issue) }
        : locateIssue(issue, index);
    }),
  );
}

/** `/packages/<i>/files/<file><pointer>`, and the file's line:column in the message. */
function locateIssue(issue: Issue, index: number): ErrorDetail {
  if (issue.file === undefined) return { path: `/packages/${index}`, message: issue.message };
  const at = issue.line === undefined ? "" : `:${issue.line}:${issue.column ?? 1}`;
  return {
    path: `/packages/${index}/files/${escapePointer(issue.file)}${issue.path ?? ""}`,
    message: `${issue.file}${at}: ${issue.message}`,
  };
}

/** An issue in an installed package the request did not replace: it has no place in the body. */
function formatInstalled(issue: Issue): string {
  const where = [issue.package, issue.file].filter((part) => part !== undefined).join(" ");
  return where === "" ? issue.message : `${where}: ${issue.message}`;
}

function invalidMetadata(details: readonly ErrorDetail[]): HttpError {
  const count = details.length;
  return new HttpError(
    422,
    "invalid-metadata",
    `the packages have ${count} problem${count === 1 ? "" : "s"}`,
    details,
  );
}

function badRequest(details: readonly ErrorDetail[]): HttpError {
  return new HttpError(
    400,
    "invalid-request",
    "the request body is not what this route takes",
    details,
  );
}

/** RFC 6901: a file path's `/` must not read as a step into the document. */
function escapePointer(token: string): string {
  return token.replaceAll("~", "~0").replaceAll("/", "~1");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
