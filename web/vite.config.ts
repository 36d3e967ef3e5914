// Vite build of the dashboard: external module scripts and stylesheets only (the CSP forbids inline script).
import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [preact()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // Nothing is inlined as a data: URL script; small images may be (img-src allows data:).
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { "/api": "http://localhost:8787" } },
});
