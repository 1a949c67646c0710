// The workbench as the API serves it under /app/: the page for every client route with headers that
// keep it from being framed or cached stale, hashed assets cached for good, and a missing asset or an
// unbuilt workbench answered as problems, never as the page.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { problemHandler } from '../../api/problem.js';
import { serveWebApp } from '../../api/web-app.js';

const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>workbench</title>');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const appServing = (dir: string) => {
  const app = express();
  serveWebApp(app, dir);
  app.use(problemHandler);
  return app;
};

describe('the workbench under /app/', () => {
  const app = appServing(dist);

  it('answers the page for the app and its client routes, never cached stale, never framed', async () => {
    for (const path of ['/app/', '/app/login', '/app/department/work-orders/TT-1']) {
      const res = await request(app).get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<title>workbench</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
    expect((await request(app).get('/app')).headers.location).toBe('/app/');
  });

  it('caches hashed assets for a year and refuses a missing one with a 404 problem', async () => {
    const asset = await request(app).get('/app/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await request(app).get('/app/assets/index-gone.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await request(app).get('/app/favicon.svg')).status).toBe(200);
  });

  it('says how to build the workbench when it is not built', async () => {
    const res = await request(appServing(join(dist, 'nothing-here'))).get('/app/department');
    expect(res.status).toBe(404);
    expect(res.body.detail).toContain('npm run web:build');
  });
});
