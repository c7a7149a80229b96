import { describe, expect, it } from "vitest";
import { LoomError, parseDuration } from "../src/index.ts";

const HOUR = 3_600_000;

describe("parseDuration", () => {
  it.each([
    ["PT48H", 48 * HOUR],
    ["P2D", 48 * HOUR],
    ["P1DT12H", 36 * HOUR],
    ["P1W", 7 * 24 * HOUR],
    ["PT1H30M", 1.5 * HOUR],
    ["PT90S", 90_000],
    ["PT0.5S", 500],
  ])("reads %s as elapsed milliseconds", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([
    ["P1M", /years or months/],
    ["P1Y", /years or months/],
    ["PT0S", /no time at all/],
    ["P", /not an ISO 8601 duration/],
    ["P2DT", /not an ISO 8601 duration/],
    ["2D", /not an ISO 8601 duration/],
    ["p2d", /not an ISO 8601 duration/],
    ["PT2H1D", /not an ISO 8601 duration/],
  ])("refuses %s with bad-duration", (text, message) => {
    let thrown: unknown;
    try {
      parseDuration(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LoomError);
    expect(thrown).toMatchObject({ code: "bad-duration", message: expect.stringMatching(message) });
  });
});
