// The staff workbench (web/, built by Vite into web/dist) served under /app/ by the API itself: one
// origin, so the session cookie (SameSite=Strict) and the CSRF header need no cross-origin setup.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type Response } from 'express';
import { notFound } from './problem.js';

export const WEB_BASE = '/app/';
/** web/dist, or WEB_DIST (a build directory of one's own, see scripts/web.ts). */
export const WEB_DIST = process.env.WEB_DIST ? resolve(process.env.WEB_DIST) : fileURLToPath(new URL('../web/dist/', import.meta.url));

// The page runs only its own scripts and talks only to its own origin. Ant Design writes its styles
// into <style> elements at run time, hence 'unsafe-inline' for styles (not for scripts).
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  // index.html names the hashed assets of the current build: always asked again.
  'cache-control': 'no-cache',
};

export function serveWebApp(app: Express, dist = WEB_DIST): void {
  const index = join(dist, 'index.html');
  // Vite names assets by their content hash: a name never changes meaning, so they are cached for good.
  app.use('/app/assets', express.static(join(dist, 'assets'), { index: false, immutable: true, maxAge: '365d', redirect: false }));
  // A missing asset is a 404, never the page (a stale tab asking for an old chunk must fail visibly).
  app.use('/app/assets', (req, _res, next) => next(notFound(`no asset ${req.path}`)));
  app.use('/app', express.static(dist, { index: false, maxAge: '1h', redirect: false }));
  // Express matches /app/ here too (non-strict routing): only the bare /app is sent on.
  app.get('/app', (req, res, next) => (req.originalUrl.split('?')[0] === '/app' ? res.redirect(301, WEB_BASE) : next()));
  // Client-side routes (/app/department/…) all answer the page; the router in the page picks the view.
  app.get('/app/{*route}', (_req, res: Response, next) => {
    if (!existsSync(index)) return next(notFound('the workbench is not built: run `npm run web:build` (npm start builds it)'));
    res.set(PAGE_HEADERS).sendFile(index);
  });
}
