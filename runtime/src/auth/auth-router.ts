import { type Request, type Response, Router } from "express";
import { isUuid } from "../api/text-values.ts";
import type { Database } from "../db/database.ts";
import { HttpError } from "../server/http-error.ts";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens.ts";
import { checkAuthBody, secretBody } from "./auth-body.ts";
import type { AuthSettings } from "./auth-settings.ts";
import { credentialOf } from "./authenticate.ts";
import { type LoginThrottle, loginThrottle } from "./login-throttle.ts";
import {
  hashPassword,
  MAX_PASSWORD_LENGTH,
  needsRehash,
  verifyDummyPassword,
  verifyPassword,
  weakPasswordReason,
} from "./passwords.ts";
import type { Principal } from "./principal.ts";
import { clearSessionCookie, setSessionCookie } from "./session-cookie.ts";
import { endSession, endUserSessions, startSession } from "./sessions.ts";
import { findUserForLogin, setPasswordHash, type User, userById } from "./users.ts";

const DEFAULT_TOKEN_DAYS = 90;
const MAX_TOKEN_DAYS = 365;

/** The routes under /api/auth: login before authentication, the rest after it. */
export interface AuthRouters {
  readonly login: Router;
  readonly authenticated: Router;
}

export function authRouters(db: Database, settings: AuthSettings): AuthRouters {
  const throttle = loginThrottle(settings.login);
  const login = Router();
  login.post("/api/auth/login", secretBody(), async (req: Request, res: Response) => {
    const { username, password } = checkAuthBody<{ username: string; password: string }>(req.body, {
      username: { type: "string", required: true, min: 1, max: 200 },
      password: { type: "string", required: true, min: 1, max: MAX_PASSWORD_LENGTH },
    });
    const user = await checkPassword(req, res, db, throttle, username, password);
    const session = await db.run((conn) => startSession(conn, user.id, settings.session));
    setSessionCookie(req, res, session.secret, session.expiresAt);
    req.log.info({ username: user.username, address: req.ip }, "signed in");
    res.json({ token: session.secret, user: userView(user, user.roles) });
  });

  const router = Router();
  router.get("/api/auth/me", async (req: Request, res: Response) => {
    const { principal } = credentialOf(req);
    res.json({
      user: userView(await currentUser(db, principal), principal.roles),
      via: principal.via,
    });
  });

  router.post("/api/auth/logout", async (req: Request, res: Response) => {
    const { principal, id } = credentialOf(req);
    if (principal.via !== "session")
      throw new HttpError(
        400,
        "not-a-session",
        "an API token has no session to end: revoke it with DELETE /api/auth/tokens/:id",
      );
    await db.run((conn) => endSession(conn, id));
    clearSessionCookie(req, res);
    res.status(204).end();
  });

  router.post("/api/auth/password", secretBody(), async (req: Request, res: Response) => {
    const { principal, id } = credentialOf(req);
    const body = checkAuthBody<{ currentPassword: string; newPassword: string }>(req.body, {
      currentPassword: { type: "string", required: true, min: 1, max: MAX_PASSWORD_LENGTH },
      newPassword: { type: "string", required: true },
    });
    const weak = weakPasswordReason(body.newPassword);
    if (weak)
      throw new HttpError(400, "weak-password", weak, [{ path: "/newPassword", message: weak }]);
    if (body.newPassword === body.currentPassword)
      throw new HttpError(
        400,
        "weak-password",
        "the new password must differ from the current one",
        [{ path: "/newPassword", message: "is the current password" }],
      );
    const user = await checkPassword(
      req,
      res,
      db,
      throttle,
      principal.username,
      body.currentPassword,
      {
        status: 400,
        code: "wrong-password",
        path: "/currentPassword",
      },
    );
    const hash = await hashPassword(body.newPassword);
    await db.transaction(async (tx) => {
      await setPasswordHash(tx, user.id, hash, false);
      // whoever else held a session with the old password is signed out
      await endUserSessions(tx, user.id, principal.via === "session" ? id : null);
    });
    req.log.info({ username: user.username }, "password changed");
    res.json({ user: userView({ ...user, mustChangePassword: false }, principal.roles) });
  });

  router.post("/api/auth/tokens", secretBody(), async (req: Request, res: Response) => {
    const { principal } = credentialOf(req);
    const body = checkAuthBody<{ name: string; roles?: string[]; expiresInDays?: number }>(
      req.body,
      {
        name: { type: "string", required: true, min: 1, max: 100 },
        roles: { type: "string[]" },
        expiresInDays: { type: "integer", min: 1, max: MAX_TOKEN_DAYS },
      },
    );
    const roles = body.roles ?? principal.roles;
    const foreign = roles.filter((role) => !principal.roles.includes(role));
    if (foreign.length > 0)
      throw new HttpError(
        403,
        "role-not-held",
        `a token can only carry roles you act with (${principal.roles.join(", ") || "none"})`,
        foreign.map((role) => ({
          path: `/roles/${roles.indexOf(role)}`,
          message: `you do not have "${role}"`,
        })),
      );
    const created = await db.run((conn) =>
      createApiToken(conn, principal.userId, {
        name: body.name,
        roles: [...new Set(roles)],
        expiresInDays: body.expiresInDays ?? DEFAULT_TOKEN_DAYS,
      }),
    );
    req.log.info({ username: principal.username, tokenId: created.token.id }, "API token created");
    res.status(201).json({ ...created.token, token: created.secret });
  });

  router.get("/api/auth/tokens", async (req: Request, res: Response) => {
    const { principal } = credentialOf(req);
    res.json({ data: await db.run((conn) => listApiTokens(conn, principal.userId)) });
  });

  router.delete("/api/auth/tokens/:id", async (req: Request, res: Response) => {
    const { principal } = credentialOf(req);
    const id = req.params.id as string;
    if (!isUuid(id)) throw new HttpError(400, "bad-id", `"${id}" is not a token id (a uuid)`);
    if (!(await db.run((conn) => revokeApiToken(conn, principal.userId, id))))
      throw new HttpError(404, "unknown-token", "you have no live API token with this id");
    req.log.info({ username: principal.username, tokenId: id }, "API token revoked");
    res.status(204).end();
  });

  return { login, authenticated: router };
}

interface Refusal {
  status: number;
  code: string;
  path?: string;
}

const BAD_LOGIN: Refusal = { status: 401, code: "invalid-credentials" };

/**
 * The user whose password this is, after the throttle allows an attempt; an unknown or
 * deactivated user costs the same hashing as a known one and gets the same refusal. Failed
 * and throttled attempts are logged with the username and address, never the password.
 */
async function checkPassword(
  req: Request,
  res: Response,
  db: Database,
  throttle: LoginThrottle,
  username: string,
  password: string,
  refusal: Refusal = BAD_LOGIN,
): Promise<User> {
  const address = req.ip ?? "unknown";
  const wait = await throttle.waitSeconds(username, address);
  if (wait > 0) {
    req.log.warn({ username, address, retryAfterSeconds: wait }, "sign-in throttled");
    res.set("Retry-After", String(wait));
    throw new HttpError(
      429,
      "too-many-attempts",
      `too many failed attempts: try again in ${wait} seconds`,
    );
  }
  const user = await db.run((conn) => findUserForLogin(conn, username));
  const ok = user?.active
    ? await verifyPassword(user.passwordHash, password)
    : await verifyDummyPassword(password);
  if (!ok || !user) {
    await throttle.failed(username, address);
    req.log.warn({ username, address }, "sign-in failed: wrong username or password");
    throw new HttpError(
      refusal.status,
      refusal.code,
      refusal === BAD_LOGIN ? "wrong username or password" : "the current password is wrong",
      refusal.path ? [{ path: refusal.path, message: "is wrong" }] : [],
    );
  }
  await throttle.succeeded(username);
  if (needsRehash(user.passwordHash)) {
    const hash = await hashPassword(password);
    await db.run((conn) => setPasswordHash(conn, user.id, hash, user.mustChangePassword));
  }
  return user;
}

async function currentUser(db: Database, principal: Principal): Promise<User> {
  const user = await db.run((conn) => userById(conn, principal.userId));
  // deleted between authentication and this read: as if the credential were gone
  if (!user) throw new HttpError(401, "unauthenticated", "this user no longer exists");
  return user;
}

/** A user as the auth routes answer: `roles` are the ones the request acts with. */
function userView(user: User, roles: readonly string[]) {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles,
    attributes: user.attributes,
    mustChangePassword: user.mustChangePassword,
  };
}
