import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Request, type Response, Router } from "express";
import helmet from "helmet";
import { HttpError } from "./http-error.ts";

/** A single-page app the runtime serves: where (vite's `base`), its build folder and its name. */
export interface SpaSite {
  /** the path it is served under, without a trailing slash: `/app` */
  readonly base: string;
  /** vite's outDir */
  readonly dist: string;
  /** names the workspace's build script too: `npm run build:<name>` */
  readonly name: string;
}

/** The business app, built by `npm run build:app`. */
export const APP_SITE: SpaSite = {
  base: "/app",
  dist: fileURLToPath(new URL("../../../app/dist", import.meta.url)),
  name: "app",
};

/** The designer, built by `npm run build:designer`. */
export const DESIGNER_SITE: SpaSite = {
  base: "/designer",
  dist: fileURLToPath(new URL("../../../designer/dist", import.meta.url)),
  name: "designer",
};

/** Built files under assets/ carry a content hash in their names: they never change. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * The pages of the apps: helmet's defaults, with `'unsafe-eval'` for scripts (ajv compiles JSON
 * Schemas into functions in the browser: the app's form validator, the designer's engine) and
 * without `upgrade-insecure-requests` (on a plain-http address the browser would ask for every
 * script over https and get nothing). The API's answers keep the stricter policy of createHttpApp.
 */
const appPolicy = helmet.contentSecurityPolicy({
  directives: {
    ...helmet.contentSecurityPolicy.getDefaultDirectives(),
    "script-src": ["'self'", "'unsafe-eval'"],
    "upgrade-insecure-requests": null,
  },
});

/**
 * Serves a built app under `site.base` without authentication (it holds no data; its API calls
 * are authenticated): hashed assets cached for good, any other path under the base answered with
 * index.html (the app routes in the browser), revalidated on every load so a new build shows at
 * once.
 */
export function spaStatic({ base, dist, name }: SpaSite): Router {
  const router = Router();
  const index = path.join(dist, "index.html");
  router.use(
    base,
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
  router.get([base, `${base}/{*page}`], (req: Request, res: Response) => {
    // a missing asset is a 404, not the page: the browser would run HTML as a script
    if (req.path.startsWith(`${base}/assets/`) || path.extname(req.path) !== "")
      throw new HttpError(404, "not-found", `no file ${req.path}`);
    if (!existsSync(index))
      throw new HttpError(
        503,
        `${name}-not-built`,
        `the ${name} at ${base} is not built: run \`npm run build:${name}\` (npm start builds it)`,
      );
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
