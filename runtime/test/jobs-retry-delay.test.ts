import { describe, expect, it } from "vitest";
import { retryDelay } from "../src/jobs/index.ts";

const policy = { baseMs: 1_000, maxMs: 10_000 };

describe("retryDelay", () => {
  it("doubles with each attempt, between half and all of base · 2^(attempt − 1)", () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, policy, () => 0))).toEqual([
      500, 1000, 2000, 4000,
    ]);
    expect([1, 2, 3, 4].map((n) => retryDelay(n, policy, () => 1))).toEqual([
      1000, 2000, 4000, 8000,
    ]);
  });

  it("never waits longer than maxMs, however many attempts failed", () => {
    expect(retryDelay(5, policy, () => 1)).toBe(10_000);
    expect(retryDelay(5_000, policy, () => 1)).toBe(10_000);
    expect(retryDelay(5_000, policy, () => 0)).toBe(5_000);
  });

  it("spreads jobs that failed together", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelay(3, policy)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});
