import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { HttpError } from "../server/http-error.ts";
import type { SheetRow } from "./cells.ts";
import { unguardFormula } from "./formula-guard.ts";

/** Enough of the file to tell its encoding and delimiter from its first lines. */
const SAMPLE_BYTES = 64 * 1024;
const DELIMITERS = [",", ";", "\t"] as const;

/**
 * The rows of a CSV file, streamed: UTF-8 (a byte order mark is dropped; anything else is refused
 * with what to do, since Excel's plain "CSV" is in the system code page, GBK on Chinese Windows),
 * the delimiter the header line uses most (`,`, `;` as European Excel writes, or tab), quotes as
 * RFC 4180 writes them, and stray quotes inside unquoted cells kept. Rows are numbered as a
 * spreadsheet shows the file: the header is row 1, a blank line is a row (of blank cells), a cell
 * over several lines stays in its row.
 */
export async function* csvRows(file: string, input: Readable): AsyncGenerator<SheetRow> {
  const sample = await readSample(file);
  if (!isUtf8(sample)) {
    input.destroy();
    throw new HttpError(
      400,
      "not-utf8",
      "the file is not UTF-8 text: in Excel, save it as “CSV UTF-8 (comma delimited)”",
    );
  }
  const parser = input.pipe(
    parse({
      bom: true,
      delimiter: delimiterOf(sample),
      relax_column_count: true,
      relax_quotes: true,
    }),
  );
  // a blank line is a record of one empty cell: counting records counts rows as a spreadsheet does
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      yield { row, cells: record.map((cell) => (cell === "" ? null : unguardFormula(cell))) };
    }
  } catch (error) {
    if (error instanceof CsvError)
      throw new HttpError(400, "bad-file", `the CSV file is malformed: ${error.message}`);
    throw error;
  } finally {
    parser.destroy();
    input.destroy();
  }
}

async function readSample(file: string): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Valid UTF-8, a character cut at the sample's end allowed. */
function isUtf8(sample: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The delimiter found most often outside quotes in the first line; `,` when none is. */
function delimiterOf(sample: Buffer): string {
  const text = sample.toString("utf8");
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ",";
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}
