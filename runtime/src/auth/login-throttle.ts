import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";

/** Failed sign-ins allowed per window, before the next attempt is refused until it ends. */
export interface AttemptLimit {
  readonly attempts: number;
  readonly windowMinutes: number;
}

export interface LoginLimits {
  /** per username (known or not): slows guessing one account's password */
  readonly perAccount: AttemptLimit;
  /** per client address: slows one client trying many accounts */
  readonly perAddress: AttemptLimit;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  perAccount: { attempts: 10, windowMinutes: 15 },
  perAddress: { attempts: 50, windowMinutes: 15 },
};

export interface LoginThrottle {
  /** seconds until this account may try again from this address; 0 when it may now */
  waitSeconds(account: string, address: string): Promise<number>;
  failed(account: string, address: string): Promise<void>;
  /** a success forgives the account's failures (not the address's) */
  succeeded(account: string): Promise<void>;
}

/**
 * Counts failures in this process's memory: each process has its own counters, so N processes
 * behind a balancer allow up to N times the attempts. Usernames count case-insensitively, as
 * they sign in.
 */
export function loginThrottle(limits: LoginLimits = DEFAULT_LOGIN_LIMITS): LoginThrottle {
  const limiter = (limit: AttemptLimit) =>
    new RateLimiterMemory({ points: limit.attempts, duration: limit.windowMinutes * 60 });
  const byAccount = limiter(limits.perAccount);
  const byAddress = limiter(limits.perAddress);
  const accountKey = (account: string) => account.toLowerCase();
  const wait = (res: RateLimiterRes | null, points: number) =>
    res && res.consumedPoints >= points ? Math.max(1, Math.ceil(res.msBeforeNext / 1000)) : 0;

  return {
    async waitSeconds(account, address) {
      const [onAccount, onAddress] = await Promise.all([
        byAccount.get(accountKey(account)),
        byAddress.get(address),
      ]);
      return Math.max(
        wait(onAccount, limits.perAccount.attempts),
        wait(onAddress, limits.perAddress.attempts),
      );
    },
    async failed(account, address) {
      // consume() rejects once the limit is passed: that is waitSeconds' business, not an error
      await Promise.allSettled([
        byAccount.consume(accountKey(account)),
        byAddress.consume(address),
      ]);
    },
    async succeeded(account) {
      await byAccount.delete(accountKey(account));
    },
  };
}
