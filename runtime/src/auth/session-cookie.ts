import { parseCookie } from "cookie";
import type { CookieOptions, Request, Response } from "express";

export const SESSION_COOKIE = "loom_session";

/** httpOnly (no script reads it), SameSite=Lax (no cross-site POST carries it), Secure on https */
function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: req.secure, path: "/" };
}

export function setSessionCookie(req: Request, res: Response, secret: string, expires: Date): void {
  res.cookie(SESSION_COOKIE, secret, { ...cookieOptions(req), expires });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * The secret a request presents: `Authorization: Bearer` first (an integration's explicit
 * choice), else the session cookie. A request with an Authorization header of another scheme
 * presents nothing, rather than falling back to a cookie it may not mean to use.
 */
export function presentedSecret(req: Request): string | undefined {
  const authorization = req.get("authorization");
  if (authorization !== undefined) return BEARER.exec(authorization)?.[1];
  const header = req.get("cookie");
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}
