import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the runtime under /app (runtime/src/server/app-static.ts); the API is same-origin.
export default defineConfig({
  base: "/app/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // the runtime serves files under assets/ as immutable: their names carry a content hash
    assetsDir: "assets",
    sourcemap: false,
    rolldownOptions: {
      // the engine's modules only declare things; the app uses a little of it (the evaluator),
      // so its unused pipelines (planner, loader, OpenAPI) must not be kept for side effects
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]engine[\\/]src[\\/]/.test(id) },
    },
  },
  server: { proxy: { "/api": "http://127.0.0.1:3000" } },
});
