/** Every problem the engine reports is a value of this shape, never a bare string. */
export interface Issue {
  /** stable, machine-readable: e.g. `schema`, `unknown-field`, `computed-cycle` */
  code: string;
  message: string;
  /** package-relative file, when the problem is in a file */
  file?: string;
  /** JSON pointer inside that file (RFC 6901), `""` for the whole document */
  path?: string;
  line?: number;
  column?: number;
  /** the package the file belongs to */
  package?: string;
}

/** Thrown at module boundaries when a caller must stop; carries every issue found, not just the first. */
export class LoomError extends Error {
  readonly code: string;
  readonly issues: readonly Issue[];
  constructor(code: string, message: string, issues: readonly Issue[] = []) {
    super(message);
    this.name = "LoomError";
    this.code = code;
    this.issues = issues;
  }
}

export function formatIssue(issue: Issue): string {
  const where = [
    issue.package,
    issue.file && `${issue.file}${issue.line ? `:${issue.line}:${issue.column ?? 1}` : ""}`,
    issue.path,
  ]
    .filter((part) => part !== undefined && part !== "")
    .join(" ");
  return `${where ? `${where}: ` : ""}${issue.message} [${issue.code}]`;
}
