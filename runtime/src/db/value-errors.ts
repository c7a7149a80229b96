import type { HttpError } from "../server/http-error.ts";

/**
 * Runs `work`; a value the database could not read as its column's type (SQLSTATE class 22, data
 * exception: a malformed uuid, a date out of range) becomes `refusal()`, the caller's 400 with
 * no database text in it. Other errors pass through.
 */
export async function refuseValueErrors<T>(
  work: () => Promise<T>,
  refusal: () => HttpError,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === "string" && /^22[0-9A-Z]{3}$/.test(code)) throw refusal();
    throw error;
  }
}
