import { isIsoDate, isIsoDateTime } from "../api/text-values.ts";

/**
 * Dates and times written by people and spreadsheets, as the API's JSON text.
 *
 * Dates: `2026-11-26`, `2026/11/26`, `2026.11.26`, `26.11.2026` (day first, as wherever dots are
 * used), `2026年11月26日`; month and day may have one digit. Slashes with the year last
 * (`11/26/2026`, `26/11/2026`) are refused: which is the month depends on the country.
 * Datetimes: ISO 8601 with the zone offset (`2026-11-26T09:30:00+08:00`, `…Z`), a space for the
 * `T`, seconds optional, `+0800` for `+08:00`. Without an offset the time is refused: the same
 * clock time is a different moment in Shanghai and in Berlin.
 * XLSX cells: real dates (exceljs gives them as UTC) and serial day numbers (1900 date system,
 * the fraction is the time of day). A spreadsheet has no time zone: its times are taken as UTC.
 */

export type DateText =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly message: string };

const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const DAY_FIRST = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const SLASHED_YEAR_LAST = /^\d{1,2}\/\d{1,2}\/\d{4}$/;
const DATETIME =
  /^(\d{4}[-/]\d{1,2}[-/]\d{1,2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** The serial day number of 1970-01-01 in the 1900 date system (which counts a 29 Feb 1900). */
const UNIX_EPOCH_SERIAL = 25569;
const DAY_MS = 86_400_000;

export function parseDateText(text: string): DateText {
  const t = text.trim();
  const match = YEAR_FIRST.exec(t) ?? CHINESE.exec(t);
  const dayFirst = match ? undefined : DAY_FIRST.exec(t);
  const [year, month, day] = match
    ? [match[1]!, match[2]!, match[3]!]
    : dayFirst
      ? [dayFirst[3]!, dayFirst[2]!, dayFirst[1]!]
      : [];
  if (year === undefined)
    return {
      ok: false,
      message: SLASHED_YEAR_LAST.test(t)
        ? `"${t}" could be month/day or day/month: write the date as ${exampleFor(t)} (year-month-day)`
        : `"${t}" is not a date: write it as 2026-11-26 (year-month-day)`,
    };
  const iso = `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
  return isIsoDate(iso) ? { ok: true, value: iso } : { ok: false, message: `${t} is no day` };
}

export function parseDateTimeText(text: string): DateText {
  const t = text.trim();
  const match = DATETIME.exec(t);
  if (!match)
    return {
      ok: false,
      message: `"${t}" is not a date and time: write it as 2026-11-26T09:30:00+08:00`,
    };
  const [, datePart, hours, minutes, seconds = "00", fraction = "", zone] = match;
  if (zone === undefined)
    return {
      ok: false,
      message: `"${t}" has no time zone: add the offset, e.g. ${t}+08:00, or Z for UTC`,
    };
  const date = parseDateText(datePart!);
  if (!date.ok) return date;
  const offset = zone.toUpperCase() === "Z" ? "Z" : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const iso = `${date.value}T${hours!.padStart(2, "0")}:${minutes}:${seconds}${fraction}${offset}`;
  return isIsoDateTime(iso) ? { ok: true, value: iso } : { ok: false, message: `${t} is no time` };
}

/** A spreadsheet date (exceljs: the day at UTC midnight) as a date; a time of day is refused. */
export function dateOfCell(date: Date): DateText {
  if (Number.isNaN(date.getTime())) return { ok: false, message: "the cell holds no valid date" };
  const iso = date.toISOString();
  if (!iso.endsWith("T00:00:00.000Z"))
    return {
      ok: false,
      message: `${iso.slice(0, 10)} ${iso.slice(11, 19)} has a time of day: a date field takes the day only`,
    };
  return { ok: true, value: iso.slice(0, 10) };
}

/** A serial day number of the 1900 date system as a Date (its fraction is the time of day, UTC). */
export function dateOfSerial(serial: number): Date | undefined {
  // serials before 1 March 1900 count the 29 February 1900 that never was
  if (!(serial >= 61 && serial < 2_958_466)) return undefined;
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL) * DAY_MS));
}

/** The days `11/12/2026` could be, as year-month-day (the readings that are days at all). */
function exampleFor(slashed: string): string {
  const [a, b, year] = slashed.split("/").map((part) => part.padStart(2, "0"));
  const readings = [`${year}-${a}-${b}`, `${year}-${b}-${a}`].filter(isIsoDate);
  return [...new Set(readings)].join(" or ") || `${year}-MM-DD`;
}
