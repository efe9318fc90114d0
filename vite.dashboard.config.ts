import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The collector dashboard's build: a page of its own (renderer/dashboard.html), written to
 * dist/dashboard (dashboard.html, assets/dashboard-*.js), not into the kiosk's dist/renderer: a
 * device's package and its browser host carry no dashboard. A separate build, not a second
 * input of vite.config.ts, so the two pages share no chunk: the kiosk's first load stays what
 * tests/integration/rendererChunks.test.ts measures, and the dashboard carries no kiosk code.
 *
 * `base: '/dashboard/'`, not './': the collector serves the page at /dashboard (no trailing slash),
 * where './assets/x.js' would resolve to /assets/x.js; its assets are served at /dashboard/assets/.
 * Nothing is inlined as a data: URL (the collector's CSP: script-src and style-src 'self').
 */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: '/dashboard/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rollupOptions: { input: { dashboard: fileURLToPath(new URL('./renderer/dashboard.html', import.meta.url)) } },
  },
});
