import { LoomError } from "../errors.ts";

const UNIT_MS = { W: 604_800_000, D: 86_400_000, H: 3_600_000, M: 60_000, S: 1000 } as const;

// weeks and days before the T, hours, minutes and seconds after it; each part optional, in order
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * An ISO 8601 duration (`PT48H`, `P2D`, `P1DT12H`, `PT0.5S`) in milliseconds of elapsed time: a
 * day is 24 hours. Years and months are refused, their length depends on where they start.
 * Throws LoomError `bad-duration` for anything else, a zero duration included.
 */
export function parseDuration(text: string): number {
  const result = durationMs(text);
  if (typeof result === "string") throw new LoomError("bad-duration", result);
  return result;
}

/** Milliseconds, or why the text is not a duration an SLA can use. */
export function durationMs(text: string): number | string {
  const match = DURATION.exec(text);
  if (!match || text === "P" || text.endsWith("T")) {
    const calendar = /^P(?:\d+Y)?(?:\d+M)?/.exec(text)?.[0] ?? "P";
    return calendar.length > 1
      ? `"${text}" uses years or months, whose length varies; write it in weeks, days or hours (P30D, P4W)`
      : `"${text}" is not an ISO 8601 duration such as PT48H, P2D or P1DT12H`;
  }
  const [, weeks, days, hours, minutes, seconds] = match;
  const ms =
    Number(weeks ?? 0) * UNIT_MS.W +
    Number(days ?? 0) * UNIT_MS.D +
    Number(hours ?? 0) * UNIT_MS.H +
    Number(minutes ?? 0) * UNIT_MS.M +
    Math.round(Number(seconds ?? 0) * UNIT_MS.S);
  return ms > 0 ? ms : `"${text}" is no time at all; an SLA needs a positive duration`;
}
