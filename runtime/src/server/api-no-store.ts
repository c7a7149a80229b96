import type { RequestHandler } from "express";

/**
 * API answers are never cached nor answered 304: what a record looks like depends on who asks
 * (hidden fields), the revision served (a field dropped or restored) and the query, none of
 * which its ETag — the record's version, for If-Match — says. A browser that kept a manager's
 * answer would otherwise show it to the next user signing in on it, margins included.
 */
export const apiNoStore: RequestHandler = (req, res, next) => {
  delete req.headers["if-none-match"];
  delete req.headers["if-modified-since"];
  res.setHeader("Cache-Control", "no-store");
  next();
};
