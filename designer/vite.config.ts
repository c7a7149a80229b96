import { defineConfig } from "vite";
import app from "../app/vite.config.ts";

// The app's build (React, the engine's tree-shaking, the dev proxy to the API), served by the
// runtime under /designer (runtime/src/server/app-static.ts).
export default defineConfig({ ...app, base: "/designer/" });
