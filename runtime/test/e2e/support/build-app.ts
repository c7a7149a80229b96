import { ensureBuilt } from "../../../../app/scripts/ensure-built.ts";

/** vitest globalSetup of the browser tests: they test the app and the designer as `npm start` serves them. */
export default function setup(): void {
  ensureBuilt();
}
