import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Request } from "express";
import { HttpError } from "../server/http-error.ts";

/** A request body saved to a private temporary file; `remove` deletes it. */
export interface SpooledBody {
  readonly file: string;
  remove(): Promise<void>;
}

/**
 * Streams the request body into a temporary file, refusing it (413 `body-too-large`) as soon as
 * it passes `limit` bytes (at once when its Content-Length says so). The import then reads the
 * file at disk speed: a slow upload never holds the database (PGlite's only session) open.
 */
export async function spoolBody(
  req: Request,
  limit: number,
  extension: string,
): Promise<SpooledBody> {
  const length = Number(req.get("content-length") ?? Number.NaN);
  if (length > limit) throw tooLarge(limit);
  const dir = await mkdtemp(path.join(tmpdir(), "loom-import-"));
  const file = path.join(dir, `upload.${extension}`);
  const remove = () => rm(dir, { recursive: true, force: true });
  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > limit ? tooLarge(limit) : null, chunk);
    },
  });
  try {
    await pipeline(req, counter, createWriteStream(file));
  } catch (error) {
    await remove();
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, "bad-request", "the upload was cut off before its end");
  }
  return { file, remove };
}

function tooLarge(limit: number): HttpError {
  return new HttpError(
    413,
    "body-too-large",
    `the file is larger than the ${limit} bytes accepted: split it, or import it with \`loom data import\``,
  );
}
