import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import { HttpError } from "./http-error.ts";

export const DEFAULT_BODY_LIMIT = "1mb";

const JSON_TYPES = ["application/json", "application/*+json"];
const METHODS_WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

/** The error body-parser raises: an http-errors value whose `type` says what went wrong. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
  /** the limit in bytes, on `entity.too.large` */
  limit: number;
}

/**
 * JSON bodies only, on POST/PUT/PATCH (the only methods whose body a route reads): one that
 * carries a body of another type gets a 415 before anything reads it; body-parser's own failures become `HttpError`s with stable codes, so the
 * error middleware never has to know body-parser's conventions.
 */
export function jsonBody(limit: number | string = DEFAULT_BODY_LIMIT): RequestHandler {
  const parse = express.json({ limit, type: JSON_TYPES });
  return (req: Request, res: Response, next: NextFunction) => {
    // no route reads the body of a GET, HEAD or DELETE: it is not even read
    if (!METHODS_WITH_BODY.has(req.method)) {
      next();
      return;
    }
    if (hasBody(req) && !req.is(JSON_TYPES)) {
      next(
        new HttpError(415, "unsupported-media-type", "the request body must be application/json", [
          {
            path: "/headers/content-type",
            message: `${req.get("content-type") ?? "none"} is not JSON`,
          },
        ]),
      );
      return;
    }
    parse(req, res, (error?: unknown) => next(error ? bodyError(error) : undefined));
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

function bodyError(error: unknown): unknown {
  if (!isBodyParserError(error)) return error;
  switch (error.type) {
    case "entity.parse.failed":
      return new HttpError(400, "malformed-json", "the request body is not valid JSON", [
        { path: "", message: error.message },
      ]);
    case "entity.too.large":
      return new HttpError(
        413,
        "body-too-large",
        `the request body is larger than the ${error.limit} bytes accepted`,
      );
    case "charset.unsupported":
    case "encoding.unsupported":
      return new HttpError(415, "unsupported-media-type", error.message);
    default:
      // aborted or inconsistent streams: exposed 4xx http-errors, which the error middleware answers
      return error;
  }
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return (
    error instanceof Error &&
    typeof (error as Partial<BodyParserError>).type === "string" &&
    typeof (error as Partial<BodyParserError>).status === "number"
  );
}
