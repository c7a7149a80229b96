import { LoomError } from "@loom/engine";
import type { Command } from "commander";
import type { Logger } from "pino";
import {
  checkParameterValues,
  parameterStatuses,
  storedParameterValues,
  writeParameterValues,
} from "../../packages/parameters.ts";
import { currentRevision } from "../../store/revisions.ts";
import { bootstrapSystemSchema } from "../../store/system-schema.ts";
import { readStdin } from "../read-stdin.ts";
import { cliActor, type GlobalOptions, withDatabase } from "../with-database.ts";

export function paramsCommand(program: Command, logger: Logger): void {
  const params = program
    .command("params")
    .description("list or set this environment's values of package parameters")
    .addHelpText(
      "after",
      `
Packages declare parameters (a webhook address, an approval limit, a token); each environment keeps
its own values, which imports never overwrite. Secret values are never shown.

Examples:
  $ loom params list
  $ loom params set approval_limit 80000
  $ printf '%s' "$ERP_TOKEN" | loom params set erp_token --stdin`,
    );
  params
    .command("list")
    .description("every declared parameter, its value here and where the value comes from")
    .action(async (_flags: unknown, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const statuses = await withDatabase(globals, logger, async (db) => {
        await bootstrapSystemSchema(db);
        return db.run(async (conn) =>
          parameterStatuses(
            (await currentRevision(conn))?.model.parameters,
            await storedParameterValues(conn),
          ),
        );
      });
      if (statuses.length === 0) console.log("no installed package declares parameters");
      for (const status of statuses)
        console.log(
          `${status.name}${status.secret ? " [secret]" : ""} (${status.type}, ${status.package}): ${status.source === "missing" ? "MISSING" : `${JSON.stringify(status.value)}${status.source === "default" ? " (default)" : ""}`}`,
        );
    });
  params
    .command("set")
    .description("store this environment's value of a parameter")
    .argument("<name>", "the parameter")
    .argument("[value]", "its value (leave out with --stdin, e.g. for a secret)")
    .option("--stdin", "read the value from standard input (keeps a secret out of shell history)")
    .action(
      async (
        name: string,
        value: string | undefined,
        flags: { stdin?: boolean },
        command: Command,
      ) => {
        const globals = command.optsWithGlobals<GlobalOptions>();
        const given = flags.stdin ? await readStdin() : value;
        if (given === undefined)
          throw new LoomError("invalid-parameter", "give the value, or --stdin to read it");
        await withDatabase(globals, logger, async (db) => {
          await bootstrapSystemSchema(db);
          await db.transaction(async (tx) => {
            const declared = (await currentRevision(tx))?.model.parameters;
            const { values, issues } = checkParameterValues(declared, { [name]: given });
            if (issues.length > 0)
              throw new LoomError("invalid-parameter", issues[0]!.message, issues);
            await writeParameterValues(tx, declared, values, cliActor());
          });
        });
        console.log(`parameter ${name} set`);
      },
    );
}
