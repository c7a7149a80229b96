import type { Request, RequestHandler } from "express";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import type { Principal } from "./principal.ts";
import { type Credential, resolveCredential } from "./resolve-credential.ts";
import { presentedSecret } from "./session-cookie.ts";

declare global {
  namespace Express {
    interface Request {
      /** who the request acts for: set by `authenticate` on every route but /health and login */
      principal?: Principal;
    }
  }
}

const SIGN_IN =
  "sign in with POST /api/auth/login {username, password}, then send the session cookie it sets or `Authorization: Bearer <token>`";

/** What a user with a one-time password may still do: see who they are, change it, leave. */
const PASSWORD_CHANGE_ROUTES = new Set([
  "GET /api/auth/me",
  "POST /api/auth/password",
  "POST /api/auth/logout",
]);

const credentials = new WeakMap<Request, Credential>();

/**
 * Resolves the request's bearer token or session cookie (one prepared statement, no cache: a
 * logout or revocation in any process applies to the next request) and sets `req.principal`;
 * else 401 `unauthenticated`. A user still on a one-time password gets 403
 * `password-change-required` outside PASSWORD_CHANGE_ROUTES.
 */
export function authenticate(db: Database, idleMinutes: number): RequestHandler {
  return async (req, res, next) => {
    const secret = presentedSecret(req);
    const credential =
      secret === undefined
        ? undefined
        : await db.run((conn) => resolveCredential(conn, secret, idleMinutes));
    if (!credential) {
      res.set("WWW-Authenticate", 'Bearer realm="loom"');
      throw new HttpError(
        401,
        "unauthenticated",
        secret === undefined
          ? `no credentials: ${SIGN_IN}`
          : `the session or token is unknown, expired or revoked: ${SIGN_IN}`,
      );
    }
    if (credential.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(`${req.method} ${req.path}`))
      throw new HttpError(
        403,
        "password-change-required",
        "this account still has a one-time password: set your own with POST /api/auth/password {currentPassword, newPassword}",
      );
    req.principal = credential.principal;
    credentials.set(req, credential);
    next();
  };
}

/** The request's principal; 401 on a route reached without `authenticate` (fails closed). */
export function principalOf(req: Request): Principal {
  return credentialOf(req).principal;
}

/** The request's credential (its session or token id too); 401 when there is none. */
export function credentialOf(req: Request): Credential {
  const credential = credentials.get(req);
  if (!credential) throw new HttpError(401, "unauthenticated", `no credentials: ${SIGN_IN}`);
  return credential;
}
