import { LoomError } from "../../errors.ts";

/** Runs a compile step that may be refused; undefined instead of the refusal, for trying another way. */
export function attempt<T>(step: () => T): T | undefined {
  try {
    return step();
  } catch (error) {
    if (error instanceof LoomError) return undefined;
    throw error;
  }
}
