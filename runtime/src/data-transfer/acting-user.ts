import { LoomError } from "@loom/engine";
import { type Reader, readers } from "../access/reader.ts";
import { compileReadPlans } from "../api/read-plan.ts";
import { compileWritePlans, type WritePlans } from "../api/write/write-plan.ts";
import type { Principal } from "../auth/principal.ts";
import { findUserForLogin } from "../auth/users.ts";
import type { Database } from "../db/database.ts";
import { currentRevision } from "../store/revisions.ts";

/** What the command line may do acting as a user: their reader and the write plans. */
export interface ActingUser {
  readonly reader: Reader;
  readonly plans: WritePlans;
}

/**
 * The current revision as `username` may read and write it: the principal a request of theirs
 * would carry (their roles and attributes; like an API token, it has no session), so a file
 * imported or exported from the command line obeys the same permissions as over HTTP.
 * `unknown-user`, `inactive-user`, `no-revision` when it cannot.
 */
export async function actAs(db: Database, username: string): Promise<ActingUser> {
  const { user, revision } = await db.run(async (conn) => ({
    user: await findUserForLogin(conn, username),
    revision: await currentRevision(conn),
  }));
  if (!user) throw new LoomError("unknown-user", `there is no user "${username}"`);
  if (!user.active)
    throw new LoomError("inactive-user", `the user "${user.username}" is deactivated`);
  if (!revision)
    throw new LoomError(
      "no-revision",
      "no package is installed yet: `loom apply <dir>` installs one",
    );
  const principal: Principal = {
    userId: user.id,
    username: user.username,
    roles: user.roles,
    attributes: user.attributes,
    via: "token",
  };
  const readPlans = compileReadPlans(revision.model);
  return {
    reader: readers(revision.model, readPlans).forPrincipal(principal),
    plans: compileWritePlans(revision.model, readPlans),
  };
}
