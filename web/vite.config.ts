import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

/**
 * The dashboard: `npm run build` builds it into web/dist, which the service serves at `/`
 * (src/http/dashboard.ts). `npm run dev:web` serves it with hot reload and sends API calls to a service on
 * port 4000 (`npm start`).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: 'public',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Every browser that runs ES2022 modules supports modulepreload: no polyfill, nothing inline (the CSP forbids it).
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    reportCompressedSize: false,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/graphql': 'http://127.0.0.1:4000',
      '/export': 'http://127.0.0.1:4000',
    },
  },
});
