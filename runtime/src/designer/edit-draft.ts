import { MANIFEST_FILE } from "@loom/engine";
import { type ErrorDetail, HttpError } from "../server/http-error.ts";
import type { Files } from "./draft-store.ts";

/** One file of the draft written (`text`) or removed (`text: null`). */
export interface FileEdit {
  readonly file: string;
  readonly text: string | null;
}

/** The body of PUT /api/designer/draft: the version edited and the files it changes together. */
export interface DraftEdit {
  readonly version: number;
  readonly changes: readonly FileEdit[];
}

const MAX_CHANGES = 500;
/** Lower-case folders and names, `.json` files: what a package folder in git holds. */
const FILE_PATH = /^(?:[a-z0-9][a-z0-9_-]*\/)*[a-z0-9][a-z0-9_.-]*\.json$/;
const MAX_PATH = 200;

/**
 * Checks the body's shape (400 `invalid-body`, every problem at its path). Several files change
 * in one edit when one design step touches them together (a renamed field: its entity and its
 * form), so they are saved, or refused, together.
 */
export function parseDraftEdit(body: unknown): DraftEdit {
  const problems: ErrorDetail[] = [];
  if (typeof body !== "object" || body === null || Array.isArray(body))
    throw invalidBody([{ path: "", message: "must be an object" }]);
  const { version, changes, ...rest } = body as Record<string, unknown>;
  for (const key of Object.keys(rest))
    problems.push({ path: `/${key}`, message: "is not a known property" });
  if (!Number.isSafeInteger(version) || (version as number) < 0)
    problems.push({
      path: "/version",
      message: "must be the draft's version you edited (0 when there is no draft yet)",
    });
  if (!Array.isArray(changes) || changes.length === 0 || changes.length > MAX_CHANGES) {
    problems.push({ path: "/changes", message: `must be an array of 1 to ${MAX_CHANGES} changes` });
    throw invalidBody(problems);
  }
  const seen = new Set<string>();
  changes.forEach((change: unknown, i) => {
    const at = `/changes/${i}`;
    if (typeof change !== "object" || change === null || Array.isArray(change)) {
      problems.push({
        path: at,
        message: 'must be { "file": "<path>", "text": "<JSON text>" | null }',
      });
      return;
    }
    const { file, text, ...other } = change as Record<string, unknown>;
    for (const key of Object.keys(other))
      problems.push({ path: `${at}/${key}`, message: "is not a known property" });
    if (typeof file !== "string" || file.length > MAX_PATH || !FILE_PATH.test(file))
      problems.push({
        path: `${at}/file`,
        message: `must be a relative path of lower-case folders and a .json file (at most ${MAX_PATH} characters), e.g. "entities/machine.json"`,
      });
    else if (seen.has(file)) problems.push({ path: `${at}/file`, message: "is changed twice" });
    else seen.add(file);
    if (text !== null && typeof text !== "string")
      problems.push({
        path: `${at}/text`,
        message: "must be the file's text, or null to remove it",
      });
    if (file === MANIFEST_FILE && text === null)
      problems.push({ path: `${at}/text`, message: "the manifest cannot be removed" });
  });
  if (problems.length > 0) throw invalidBody(problems);
  return { version: version as number, changes: changes as FileEdit[] };
}

/**
 * The draft's files after `edit`. The manifest keeps the package's name and layer (422
 * `manifest-locked`): the draft is of this package, and which layer a change lands in is what
 * keeps customizations through upgrades.
 */
export function editedFiles(
  files: Files,
  edit: DraftEdit,
  pkg: { name: string; layer: string },
): Files {
  const next: Files = { ...files };
  for (const { file, text } of edit.changes) {
    if (text === null) delete next[file];
    else next[file] = text;
  }
  const manifest = manifestOf(next[MANIFEST_FILE]);
  const locked: ErrorDetail[] = [];
  const at = edit.changes.findIndex((change) => change.file === MANIFEST_FILE);
  if (manifest && manifest.name !== pkg.name)
    locked.push({ path: `/changes/${at}/text`, message: `the package's name stays "${pkg.name}"` });
  if (manifest && manifest.layer !== pkg.layer)
    locked.push({
      path: `/changes/${at}/text`,
      message: `the package's layer stays "${pkg.layer}"`,
    });
  if (locked.length > 0)
    throw new HttpError(
      422,
      "manifest-locked",
      "the draft's package keeps its name and layer",
      locked,
    );
  return next;
}

function manifestOf(text: string | undefined): { name?: unknown; layer?: unknown } | undefined {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    // a manifest that does not parse is the draft's issue to show, not a refusal
    return undefined;
  }
}

function invalidBody(details: ErrorDetail[]): HttpError {
  return new HttpError(400, "invalid-body", "the request body has problems", details);
}
