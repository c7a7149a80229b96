#!/usr/bin/env node
// Plain JS on purpose: registering tsx here lets `npx loom` run the TypeScript sources directly,
// so a fresh clone needs only `npm ci`, no build step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
