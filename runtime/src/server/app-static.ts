import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Request, type Response, Router } from "express";
import helmet from "helmet";
import { HttpError } from "./http-error.ts";

/** Where `npm run build:app` writes the business app (vite's outDir). */
export const APP_DIST = fileURLToPath(new URL("../../../app/dist", import.meta.url));

/** Built files under assets/ carry a content hash in their names: they never change. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The business app's page: helmet's defaults, with `'unsafe-eval'` for scripts (the form
 * validator, ajv, compiles JSON Schemas into functions in the browser) and without
 * `upgrade-insecure-requests` (on a plain-http address the browser would ask for every script
 * over https and get nothing). The API's answers keep the stricter policy of createHttpApp.
 */
const appPolicy = helmet.contentSecurityPolicy({
  directives: {
    ...helmet.contentSecurityPolicy.getDefaultDirectives(),
    "script-src": ["'self'", "'unsafe-eval'"],
    "upgrade-insecure-requests": null,
  },
});

/**
 * Serves the built app at /app without authentication (it holds no data; its API calls are
 * authenticated): hashed assets cached for good, any other path under /app answered with
 * index.html (the app routes in the browser), revalidated on every load so a new build shows at
 * once. `/` leads to the app.
 */
export function appStatic(dist: string = APP_DIST): Router {
  const router = Router();
  const index = path.join(dist, "index.html");
  router.get("/", (_req, res) => res.redirect(302, "/app/"));
  router.use(
    "/app",
    appPolicy,
    express.static(dist, {
      index: false,
      redirect: false,
      setHeaders: (res, file) => {
        const inAssets = path.relative(path.join(dist, "assets"), file).startsWith("..") === false;
        res.setHeader("Cache-Control", inAssets ? IMMUTABLE : "no-cache");
      },
    }),
  );
  router.get(["/app", "/app/{*page}"], (req: Request, res: Response) => {
    // a missing asset is a 404, not the page: the browser would run HTML as a script
    if (req.path.startsWith("/app/assets/") || path.extname(req.path) !== "")
      throw new HttpError(404, "not-found", `no file ${req.path}`);
    if (!existsSync(index))
      throw new HttpError(
        503,
        "app-not-built",
        "the business app is not built: run `npm run build:app` (npm start builds it)",
      );
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
