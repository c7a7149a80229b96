import { createWriteStream } from "node:fs";
import { rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { LoomError } from "@loom/engine";
import { type Command, Option } from "commander";
import type { Logger } from "pino";
import type { Language } from "../../api/write/accept-language.ts";
import { actAs } from "../../data-transfer/acting-user.ts";
import { HEADER_STYLES, type HeaderStyle } from "../../data-transfer/export-columns.ts";
import { exportRecords } from "../../data-transfer/export-records.ts";
import {
  IMPORT_MODES,
  type ImportMode,
  importRecords,
} from "../../data-transfer/import-records.ts";
import { importTarget } from "../../data-transfer/import-target.ts";
import { errorsText, rejectedFile } from "../../data-transfer/rejected-file.ts";
import { formatOfName, type SheetFormat, sheetRows } from "../../data-transfer/sheet-rows.ts";
import { transferProgress } from "../../data-transfer/transfer-progress.ts";
import { HttpError } from "../../server/http-error.ts";
import { type GlobalOptions, withDatabase } from "../with-database.ts";

interface ImportFlags {
  as: string;
  dryRun?: boolean;
  mode: ImportMode;
  rejected?: string;
  sheet?: string;
  language?: Language;
}

interface ExportFlags {
  as: string;
  out: string;
  headers: HeaderStyle;
  language?: Language;
}

const LANGUAGES: readonly Language[] = ["en", "zh-CN"];

export function dataCommand(program: Command, logger: Logger): void {
  const data = program
    .command("data")
    .description("import business records from CSV or XLSX files, export them to such files")
    .addHelpText(
      "after",
      `
Both act as a Loom user (--as): the user's roles decide which records and fields they may touch,
exactly as over the API.

Examples:
  $ loom data import customer customers.xlsx --as wang --dry-run
  $ loom data export customer --as wang --out customers.xlsx`,
    );

  data
    .command("import")
    .description(
      "create records of an entity from the rows of a CSV or XLSX file, checked as the API checks a create",
    )
    .argument("<entity>", "the entity, e.g. customer")
    .argument("<file>", "a .csv (UTF-8) or .xlsx file whose first row names the columns")
    .requiredOption("--as <username>", "the Loom user whose permissions apply")
    .option("--dry-run", "check every row and report, then roll everything back")
    .addOption(
      new Option("--mode <mode>", "what refused rows do to the others")
        .choices(IMPORT_MODES)
        .default("all-or-nothing"),
    )
    .option(
      "--rejected <file>",
      "write the refused rows there (.csv or .xlsx), with an errors column (skip-bad-rows default: <file>.rejected.<ext>)",
    )
    .option("--sheet <name>", "the worksheet of an XLSX file (default: the first)")
    .addOption(
      new Option("--language <language>", "the language of rule messages")
        .choices(LANGUAGES)
        .default(systemLanguage()),
    )
    .addHelpText(
      "after",
      `
Columns are matched by field name or by label in English or Chinese (case and spaces ignored);
lines (table fields) and fields the server sets are not importable. Links are given by the
linked record's id, unique code or title (e.g. the customer's code). Numbers use a point for
decimals (1,234.50); dates are 2026-11-26, 2026/11/26 or 26.11.2026; datetimes need an offset
(2026-11-26T09:30:00+08:00); yes/no as true/false, yes/no, 1/0 or 是/否; options by value or label.
Each row is checked as POST /api/data/<entity> checks a record: the user needs the import and
create permissions, and every row must pass the same validation, rules and row scope.

Modes: all-or-nothing (default) writes nothing if any row is refused, and lists every refused row;
skip-bad-rows writes the good rows and puts the refused ones in the rejected file, with an
errors column: fix them there and import that file again.
Exit codes: 0 every row imported (or would be, with --dry-run), 1 invalid input or failure (a
header the entity does not take, no permission, an unreadable file), 2 rows refused.

Examples:
  $ loom data import customer customers.csv --as wang --dry-run
  $ loom data import customer customers.xlsx --as wang --sheet 客户
  $ loom data import item items.csv --as it-admin --mode skip-bad-rows --rejected items.rejected.csv`,
    )
    .action(async (entity: string, file: string, flags: ImportFlags, command: Command) => {
      const format = sheetFormat(file);
      const { size } = await stat(file).catch(() => {
        throw new LoomError("file-not-found", `there is no file ${file}`);
      });
      const rejectedPath =
        flags.rejected ??
        (flags.mode === "skip-bad-rows" && !flags.dryRun
          ? defaultRejected(file, format)
          : undefined);
      const rejected = rejectedPath
        ? rejectedFile(rejectedPath, sheetFormat(rejectedPath))
        : undefined;
      const progress = transferProgress("importing", size);
      const globals = command.optsWithGlobals<GlobalOptions>();
      const result = await withDatabase(globals, logger, async (db) => {
        const { reader, plans } = await actAs(db, flags.as);
        try {
          const target = cliErrors(() =>
            importTarget(reader, plans, entity, flags.language ?? "en"),
          );
          let bytes = 0;
          return await cliErrorsAsync(() =>
            importRecords(
              db,
              target,
              sheetRows(file, format, flags.sheet, (b) => (bytes = b)),
              {
                mode: flags.mode,
                dryRun: flags.dryRun ?? false,
                onProgress: ({ read, written, rejected: refused }) =>
                  progress.update(
                    bytes,
                    `${read} rows read, ${written} written, ${refused} refused`,
                  ),
                async onRejected(row, cells, header) {
                  progress.log(`row ${row.row}: ${errorsText(row, header)}`);
                  await rejected?.add(row, cells, header);
                },
              },
            ),
          );
        } catch (error) {
          await rejected?.discard();
          throw error;
        } finally {
          progress.stop();
        }
      });
      const kept = (await rejected?.close()) ?? 0;
      const where = kept > 0 ? `; the refused rows are in ${rejectedPath}` : "";
      if (result.dryRun)
        console.log(
          `dry run: ${result.rows} rows read, ${result.rows - result.rejected} would be imported, ${result.rejected} refused; nothing was written${where}`,
        );
      else if (result.rejected > 0 && result.mode === "all-or-nothing")
        console.log(
          `${result.rejected} of ${result.rows} rows refused: nothing was imported (all-or-nothing); fix them, or import with --mode skip-bad-rows${where}`,
        );
      else
        console.log(
          `imported ${result.imported} of ${result.rows} rows into ${entity}${result.rejected > 0 ? `, ${result.rejected} refused${where}` : ""}`,
        );
      if (result.rejected > 0) process.exitCode = 2;
    });

  data
    .command("export")
    .description("write the records of an entity a user may export to a CSV or XLSX file")
    .argument("<entity>", "the entity, e.g. customer")
    .requiredOption("--as <username>", "the Loom user whose permissions apply")
    .requiredOption("--out <file>", "the file to write: .csv (UTF-8 with BOM) or .xlsx")
    .addOption(
      new Option("--headers <style>", "head the columns with the fields' labels or names")
        .choices(HEADER_STYLES)
        .default("labels"),
    )
    .addOption(
      new Option("--language <language>", "the language of labels (headers and options)")
        .choices(LANGUAGES)
        .default(systemLanguage()),
    )
    .addHelpText(
      "after",
      `
Every record the user may export (the export permission's row scope), every field they may see,
in id order, with no row limit: the file is written as the records are read. Options are written
as their labels, links as the linked record's id; the file imports back with \`loom data import\`.

Examples:
  $ loom data export customer --as wang --out customers.xlsx
  $ loom data export sales_order --as li --out orders.csv --headers names
  $ loom data export item --as it-admin --out 物料.xlsx --language zh-CN`,
    )
    .action(async (entity: string, flags: ExportFlags, command: Command) => {
      const format = sheetFormat(flags.out);
      const partial = `${flags.out}.partial`;
      const globals = command.optsWithGlobals<GlobalOptions>();
      const progress = transferProgress("exporting");
      const out = createWriteStream(partial);
      try {
        const written = await withDatabase(globals, logger, async (db) => {
          const { reader } = await actAs(db, flags.as);
          return cliErrorsAsync(() =>
            exportRecords(db, reader, entity, out, {
              format,
              headers: flags.headers,
              language: flags.language ?? "en",
              onProgress: (rows) => progress.update(rows, `${rows} rows`),
            }),
          );
        });
        progress.stop();
        await rename(partial, flags.out);
        console.log(`exported ${written} ${entity} records to ${flags.out}`);
      } catch (error) {
        progress.stop();
        out.destroy();
        await rm(partial, { force: true });
        throw error;
      }
    });
}

function sheetFormat(file: string): SheetFormat {
  const format = formatOfName(file);
  if (!format) throw new LoomError("unknown-file-type", `${file}: name a .csv or an .xlsx file`);
  return format;
}

function defaultRejected(file: string, format: SheetFormat): string {
  const { dir, name } = path.parse(file);
  return path.join(dir, `${name}.rejected.${format}`);
}

/** Chinese when the system's locale is (LANG=zh_CN.UTF-8), else English. */
function systemLanguage(): Language {
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || "";
  return /^zh/i.test(locale) ? "zh-CN" : "en";
}

/** The API's refusals, told as the command line tells every error (exit code 1). */
function cliErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asLoomError(error);
  }
}

async function cliErrorsAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw asLoomError(error);
  }
}

function asLoomError(error: unknown): unknown {
  if (!(error instanceof HttpError)) return error;
  return new LoomError(
    error.code,
    error.message,
    error.details.map((detail) => ({
      code: error.code,
      message: detail.message,
      path: detail.path,
    })),
  );
}
