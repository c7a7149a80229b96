import { LoomError } from "@loom/engine";
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from "./login-throttle.ts";
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from "./sessions.ts";

export interface AuthSettings {
  readonly session: SessionLimits;
  readonly login: LoginLimits;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  session: DEFAULT_SESSION_LIMITS,
  login: DEFAULT_LOGIN_LIMITS,
};

/**
 * The session limits from LOOM_SESSION_IDLE_MINUTES and LOOM_SESSION_MAX_HOURS; a value that is
 * not a positive number is refused with the variable's name.
 */
export function authSettingsFromEnv(env: NodeJS.ProcessEnv): AuthSettings {
  const positive = (name: string, fallback: number): number => {
    const text = env[name];
    if (text === undefined || text === "") return fallback;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0)
      throw new LoomError("invalid-setting", `${name} must be a positive number, not "${text}"`);
    return value;
  };
  return {
    ...DEFAULT_AUTH_SETTINGS,
    session: {
      idleMinutes: positive("LOOM_SESSION_IDLE_MINUTES", DEFAULT_SESSION_LIMITS.idleMinutes),
      maxHours: positive("LOOM_SESSION_MAX_HOURS", DEFAULT_SESSION_LIMITS.maxHours),
    },
  };
}
