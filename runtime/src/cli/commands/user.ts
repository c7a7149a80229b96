import { LoomError } from "@loom/engine";
import type { Command } from "commander";
import type { Logger } from "pino";
import { passwordBox } from "../../auth/first-admin.ts";
import { addUser, resetPassword } from "../../auth/manage-users.ts";
import { listUsers, type User } from "../../auth/users.ts";
import type { Database } from "../../db/database.ts";
import { currentRevision } from "../../store/revisions.ts";
import { bootstrapSystemSchema } from "../../store/system-schema.ts";
import { readStdin } from "../read-stdin.ts";
import { type GlobalOptions, withDatabase } from "../with-database.ts";

interface AddFlags {
  role: string[];
  attr: string[];
  displayName?: string;
  passwordStdin?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function userCommand(program: Command, logger: Logger): void {
  const user = program
    .command("user")
    .description("manage users: add one, reset a password, list them")
    .addHelpText(
      "after",
      `
Passwords are stored as argon2id hashes; one-time passwords are printed once and must be changed
at the first sign-in (POST /api/auth/password).

Examples:
  $ loom user add wang --role sales_rep --attr department=domestic --attr manager=li
  $ printf '%s' "$PASSWORD" | loom user add li --role sales_manager --password-stdin
  $ loom user reset wang
  $ loom user list`,
    );

  user
    .command("add")
    .description("add a user; without --password-stdin a one-time password is printed")
    .argument("<name>", "the username (letters, digits, '.', '_', '@', '-'; unique in any case)")
    .option("--role <role>", "a role the user has (repeat for several)", collect, [])
    .option(
      "--attr <key=value>",
      "an attribute rules read as $user.<key>; values that read as JSON (5000, true) are kept typed (repeat for several)",
      collect,
      [],
    )
    .option("--display-name <text>", "the name shown in the apps")
    .option("--password-stdin", "read the password (at least 12 characters) from standard input")
    .action(async (name: string, flags: AddFlags, command: Command) => {
      const attributes = parseAttributes(flags.attr);
      const password = flags.passwordStdin ? await readStdin() : undefined;
      const added = await withUsers(command, logger, async (db) => {
        await warnUnknownRoles(db, flags.role);
        return addUser(db, {
          username: name,
          displayName: flags.displayName,
          roles: flags.role,
          attributes,
          password,
        });
      });
      console.log(`added user ${added.user.username} (${rolesText(added.user.roles)})`);
      if (added.oneTimePassword)
        process.stdout.write(
          passwordBox(
            `One-time password for ${added.user.username}`,
            added.user.username,
            added.oneTimePassword,
          ),
        );
    });

  user
    .command("reset")
    .description("give a user a new one-time password and sign them out everywhere")
    .argument("<name>", "the username")
    .action(async (name: string, _flags: unknown, command: Command) => {
      const password = await withUsers(command, logger, (db) => resetPassword(db, name));
      process.stdout.write(passwordBox(`New one-time password for ${name}`, name, password));
    });

  user
    .command("list")
    .description("list users with their roles and attributes")
    .action(async (_flags: unknown, command: Command) => {
      const users = await withUsers(command, logger, (db) => db.run(listUsers));
      for (const line of formatUsers(users)) console.log(line);
    });
}

/** the database with its system schema current: users can be managed before the first start */
function withUsers<T>(command: Command, logger: Logger, fn: (db: Database) => Promise<T>) {
  return withDatabase(command.optsWithGlobals<GlobalOptions>(), logger, async (db) => {
    await bootstrapSystemSchema(db);
    return fn(db);
  });
}

function parseAttributes(pairs: readonly string[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new LoomError("invalid-attribute", `--attr "${pair}" is not key=value`);
    const text = pair.slice(at + 1);
    attributes[pair.slice(0, at)] = jsonOrText(text);
  }
  return attributes;
}

function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Roles may be published after users get them: a role no package defines yet is only a warning. */
async function warnUnknownRoles(db: Database, roles: readonly string[]): Promise<void> {
  const revision = await db.run((conn) => currentRevision(conn));
  const defined = revision?.model.roles ?? {};
  for (const role of roles)
    if (!(role in defined))
      process.stderr.write(`warning: no installed package defines the role "${role}" (yet)\n`);
}

const rolesText = (roles: readonly string[]) =>
  roles.length === 0 ? "no roles" : `roles: ${roles.join(", ")}`;

function formatUsers(users: readonly User[]): string[] {
  if (users.length === 0) return ["no users yet: `loom start` creates admin on an empty database"];
  const rows = users.map((user) => [
    user.username,
    user.displayName ?? "",
    user.roles.join(",") || "-",
    [user.active ? "active" : "inactive", user.mustChangePassword ? "one-time password" : ""]
      .filter(Boolean)
      .join(", "),
    Object.keys(user.attributes).length > 0 ? JSON.stringify(user.attributes) : "",
  ]);
  const header = ["USERNAME", "NAME", "ROLES", "STATE", "ATTRIBUTES"];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => row[i]!.length)),
  );
  return [header, ...rows].map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join("  ")
      .trimEnd(),
  );
}
