import { createCliLogger } from "./logger.ts";
import { buildProgram } from "./program.ts";
import { reportError } from "./report-error.ts";

const logger = createCliLogger();
try {
  await buildProgram(logger).parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error, (line) => process.stderr.write(`${line}\n`));
}
