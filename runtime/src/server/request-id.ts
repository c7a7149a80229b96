import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

export const REQUEST_ID_HEADER = "X-Request-Id";

// A caller's id ends up in logs and bodies: only short, plain tokens are trusted.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * pino-http's `genReqId`: keeps a sane incoming `X-Request-Id` (so a proxy's id threads through)
 * or makes one, and echoes it on the response. pino-http stores it as `req.id`, which every log
 * line of the request and every error body carries.
 */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER.toLowerCase()];
  const id =
    typeof incoming === "string" && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
