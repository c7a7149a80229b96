import { formatIssue, LoomError } from "@loom/engine";

/** Codes of plans refused on purpose: exit code 2, so scripts can tell them from broken input. */
const REFUSED = new Set([
  "data-loss-refused",
  "conversion-refused",
  "rows-refused",
  "revision-changed",
  "import-refused",
  "plan-stale",
  "purge-not-confirmed",
]);

const NEXT_STEP: Record<string, string> = {
  "invalid-metadata": "fix the problems above, then check with `loom validate <dir...>`",
  "package-dir-not-found": "pass the folder that holds the package's loom-package.json",
  "installed-package-invalid": "apply a fixed version of that package",
  "data-loss-refused":
    "review the steps with `loom plan <dir...>`; re-run with --allow-data-loss to drop them",
  "conversion-refused":
    "fix those rows, or re-run with --on-conversion-failure null (store NULL) or keep (keep the old values in a retired column)",
  "rows-refused":
    "fix those rows (or give the field a default), then re-run; each line says what its step needs",
  "revision-changed": "re-run the command: it will plan against the new revision",
  "import-refused":
    "run the same command with --dry-run: it lists each conflict with how to resolve it",
  "plan-stale": "run the import with --dry-run again, review the new plan, then apply its id",
  "archive-refused":
    "export the package again with `loom export`, or check where the file came from",
  "invalid-profile": 'a profile looks like { "parameters": { "approval_limit": 80000 } }',
  "purge-not-confirmed": "re-run with --yes to drop them, or --dry-run to only list them",
  "unknown-table": "`loom purge --dry-run` lists the tables holding retired columns",
  "package-not-installed": "`loom params list` and the revision log show what is installed",
  "step-failed": "nothing was changed; `loom plan <dir...>` shows the plan that failed",
  "data-dir-locked": "stop the other Loom process on that folder, or pass another --data-dir",
  "database-open-failed": "check --database-url (or DATABASE_URL) or --data-dir",
  "system-schema-too-new":
    "use a Loom version at least as new as the one that last wrote this database",
  "user-exists": "pick another username, or `loom user reset <name>` for a new password",
  "unknown-user": "`loom user list` shows the usernames",
  "invalid-username": "usernames are letters, digits, '.', '_', '@' and '-'",
  "invalid-attribute": "pass attributes as --attr key=value, key made of letters, digits and '_'",
  "weak-password":
    "pipe a longer password to --password-stdin, or leave it out for a one-time password",
};

/** Prints what went wrong and what to do next on stderr; returns the exit code. */
export function reportError(error: unknown, write: (line: string) => void): number {
  if (!(error instanceof LoomError)) {
    write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
  write(`error [${error.code}]: ${error.message}`);
  for (const issue of error.issues) write(`  ${formatIssue(issue)}`);
  const next = NEXT_STEP[error.code];
  if (next) write(`next: ${next}`);
  return REFUSED.has(error.code) ? 2 : 1;
}
