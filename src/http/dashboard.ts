import { existsSync } from 'node:fs';
import path from 'node:path';

import compression from 'compression';
import express from 'express';

/**
 * Where `npm run build` puts the dashboard (web/, built by Vite): `web/dist` at the project root, beside `dist/`.
 * The same path from src/http (ts-jest) and from dist/http (the build); the Docker image copies it there too.
 */
export const DEFAULT_DASHBOARD_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');

/**
 * The dashboard's Content-Security-Policy: scripts, styles, images, fonts and API calls from this origin only,
 * nothing inline, no plugins, no framing. The dashboard loads nothing from elsewhere, so nothing else is needed.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names what it bundles by content hash (`assets/index-B7x2c9.js`): a new build gets new names. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: revalidated (ETag) on every load so a new build shows at once. */
const REVALIDATE = 'no-cache';

/**
 * Serves the built dashboard: `GET /` is its index.html, `/assets/*` its hashed bundles, with the CSP above, caching
 * by kind and gzip. Mount it after the API's routes: what is not a file of the build falls through. When the dashboard was not built, `GET /` says
 * how to build it (503) instead of a bare 404.
 *
 * @param dir - the build output (index.html and assets/)
 */
export function createDashboardRouter(dir: string = DEFAULT_DASHBOARD_DIR): express.Router {
  const router = express.Router();
  const securityHeaders: express.RequestHandler = (_req, res, next) => {
    res.set({
      'Content-Security-Policy': DASHBOARD_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    next();
  };

  if (!existsSync(path.join(dir, 'index.html'))) {
    router.get('/', securityHeaders, (_req, res) => {
      res
        .status(503)
        .type('text/plain')
        .send('The dashboard is not built: run `npm run build` (it builds web/ into web/dist).\n');
    });
    return router;
  }

  router.use(
    securityHeaders,
    compression(),
    express.static(dir, {
      index: 'index.html',
      redirect: false,
      dotfiles: 'ignore',
      setHeaders(res, file) {
        const relative = path.relative(dir, file).split(path.sep);
        res.setHeader('Cache-Control', relative[0] === 'assets' ? IMMUTABLE : REVALIDATE);
      },
    }),
  );
  return router;
}
