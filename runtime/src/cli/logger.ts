import pino, { type Logger } from "pino";

/**
 * JSON logs on stderr, so stdout carries only a command's result. Quiet by default (`warn`);
 * LOOM_LOG_LEVEL=info or debug for more. Connection strings are redacted before they reach a log
 * call (see redactUrl); the paths below are a second guard for anything logged whole.
 */
export function createCliLogger(): Logger {
  return pino(
    {
      level: process.env.LOOM_LOG_LEVEL ?? "warn",
      redact: {
        paths: ["password", "*.password", "connectionString", "*.connectionString"],
        censor: "***",
      },
    },
    pino.destination({ dest: 2, sync: true }),
  );
}
