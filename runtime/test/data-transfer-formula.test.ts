import { describe, expect, it } from "vitest";
import { guardFormula, unguardFormula } from "../src/data-transfer/formula-guard.ts";

describe("CSV cells a spreadsheet would run as formulas", () => {
  const HOSTILE = ['=HYPERLINK("http://evil")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1"];

  it("are written as text with a leading apostrophe, and read back as they were", () => {
    for (const text of HOSTILE) {
      const written = guardFormula(text);
      expect(written).toBe(`'${text}`);
      expect(unguardFormula(written as string)).toBe(text);
    }
  });

  it("leaves numbers, phone-like signs and ordinary text alone", () => {
    for (const value of ["-12.50", "+86", "1,234.5", "12%", "plain", "'quoted", 42, null])
      expect(guardFormula(value)).toBe(value);
    expect(unguardFormula("'quoted")).toBe("'quoted");
    expect(unguardFormula("'-12.50")).toBe("'-12.50");
  });
});
