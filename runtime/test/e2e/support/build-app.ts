import { ensureAppBuilt } from "../../../../app/scripts/ensure-built.ts";

/** vitest globalSetup of the browser tests: they test the app as `npm start` serves it. */
export default function setup(): void {
  ensureAppBuilt();
}
