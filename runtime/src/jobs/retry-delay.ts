/** How long a failed job waits before its next attempt. */
export interface RetryPolicy {
  /** the wait after the first failure (at most; see retryDelay) */
  readonly baseMs: number;
  /** no wait is longer than this */
  readonly maxMs: number;
}

/** 5 s, 10 s, 20 s … capped at an hour: with 10 attempts a job keeps trying for about 40 minutes. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000 };

/**
 * The wait after attempt `attempt` (from 1) failed: baseMs · 2^(attempt − 1), capped at maxMs, of
 * which the upper half is random, so jobs that failed together (an endpoint was down) do not all
 * come back at the same instant. Always between half the capped value and the capped value.
 */
export function retryDelay(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
