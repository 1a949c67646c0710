// The staff workbench's build (web/, React + Vite), one configuration for every use:
//   npm run web:build   the API's types for the client (web/src/api/openapi.d.ts), then web/dist
//   npm run web:dev     Vite's dev server on /app/, everything else proxied to a running API
//   npm run web:api     only the types: after a change to a route or a schema
//   npm run web:size    the gzipped JavaScript of sign-in and of each desk
// `npm start` and the browser tests call ensureWebBuild: a build when web/dist is missing or older
// than its sources.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { InlineConfig } from 'vite';
import { WEB_BASE } from '../api/web-app.js';
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WEB_ROOT = join(root, 'web');
// WEB_DIST: a build directory of one's own (test runs side by side in one checkout must not rebuild each other's).
const DIST = process.env.WEB_DIST ? resolve(process.env.WEB_DIST) : join(WEB_ROOT, 'dist');
export const API_TYPES = join(WEB_ROOT, 'src', 'api', 'openapi.d.ts');
/** What a build is made of: newer than the build's index.html means the build is stale. */
const SOURCES = [
  join(WEB_ROOT, 'src'),
  join(WEB_ROOT, 'index.html'),
  join(WEB_ROOT, 'public'),
  fileURLToPath(import.meta.url),
  join(root, 'package-lock.json'),
];

/**
 * The API's OpenAPI document, from its route table, without a server: nothing is connected, so the
 * dependencies are never called. A fixed configuration, so the document does not follow whoever runs it.
 */
export async function apiDocument(): Promise<Record<string, unknown>> {
  // Loaded on demand: npm start checks the build with this module and need not load the whole API for it.
  const { createApp } = await import('../api/app.js');
  const unused = {} as never;
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'development' }),
    client: unused,
    orm: unused,
    adapters: unused,
    logger: createLogger('silent', 'web'),
  });
  return app.locals.openapi as Record<string, unknown>;
}

/** The TypeScript types of the API for the web client (openapi-typescript), as the file holds them. */
export async function generateApiTypes(): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const prettier = await import('prettier');
  const ast = await openapiTS((await apiDocument()) as never, { silent: true });
  const text = `// Generated from the API's route table by \`npm run web:api\` (scripts/web.ts): do not edit.\n${astToString(ast)}`;
  // In the project's style, so the formatting check passes on it like on any other file.
  return prettier.format(text, { ...(await prettier.resolveConfig(API_TYPES)), filepath: API_TYPES });
}

/** Rewrites web/src/api/openapi.d.ts when the API changed; true when it did. */
export async function writeApiTypes(): Promise<boolean> {
  const text = await generateApiTypes();
  if (existsSync(API_TYPES) && readFileSync(API_TYPES, 'utf8') === text) return false;
  writeFileSync(API_TYPES, text);
  return true;
}

const API_URL = process.env.WEB_DEV_API ?? 'http://127.0.0.1:3000';

export async function viteConfig(mode: 'production' | 'development' = 'production'): Promise<InlineConfig> {
  const { default: react } = await import('@vitejs/plugin-react');
  return {
    configFile: false,
    mode,
    root: WEB_ROOT,
    base: WEB_BASE,
    plugins: [react()],
    logLevel: 'warn',
    build: {
      outDir: DIST,
      emptyOutDir: true,
      // web:size and the budget test read which chunks each page needs from it.
      manifest: true,
      // The entry (React, Ant Design's core) is ~700 KB before compression; what counts is the
      // gzipped budget test/browser/bundle-budget.test.ts holds, not Vite's per-chunk warning.
      chunkSizeWarningLimit: 1024,
    },
    // The dev server serves the page under /app/ and hands every other path to the API (same origin for the cookies).
    server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy: { '^/(?!app(/|$)).*': { target: API_URL, changeOrigin: false } } },
  };
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), st.mtimeMs);
}

/** Why web/dist must be built again, or undefined when it is current. */
export function staleReason(): string | undefined {
  const built = join(DIST, 'index.html');
  if (!existsSync(built)) return 'web/dist is missing';
  const newest = Math.max(...SOURCES.map(newestMtime));
  return newest > statSync(built).mtimeMs ? 'web/dist is older than its sources' : undefined;
}

export async function buildWeb(log: (msg: string) => void = () => {}): Promise<void> {
  const started = Date.now();
  if (await writeApiTypes()) log(`updated ${relative(root, API_TYPES)} from the API's route table`);
  const { build } = await import('vite');
  await build(await viteConfig());
  log(`built the workbench into ${relative(root, DIST)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Builds the workbench when it is missing or stale (quick when it is current), in a process of its
 * own: a production build needs NODE_ENV=production from the start (see the command line below), and
 * the caller's process (npm start's) keeps its own.
 */
export async function ensureWebBuild(log: (msg: string) => void = () => {}): Promise<void> {
  const reason = staleReason();
  if (!reason) return;
  log(`building the workbench (${reason})`);
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), 'build'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((done) => child.on('exit', done));
  if (code !== 0) throw new Error(`the workbench's build failed (exit code ${code}): npm run web:build shows why`);
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * Gzipped JavaScript of sign-in (the entry and what it imports statically) and of each desk (its
 * lazily loaded chunk and what that imports beyond sign-in), in bytes, from the build's manifest.
 */
export function bundleSizes(): { signIn: number; desks: Record<string, number> } {
  const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const closure = (keys: string[], into = new Set<string>()) => {
    for (const k of keys) {
      if (into.has(k)) continue;
      into.add(k);
      closure(manifest[k]?.imports ?? [], into);
    }
    return into;
  };
  const gz = (keys: Iterable<string>) => [...keys].reduce((n, k) => n + gzipSync(readFileSync(join(DIST, manifest[k]!.file))).length, 0);
  const entry = Object.keys(manifest).filter((k) => manifest[k]!.isEntry);
  const signIn = closure(entry);
  const desks: Record<string, number> = {};
  for (const [k, chunk] of Object.entries(manifest)) {
    const desk = /desks\/([^/]+)\/index\.tsx$/.exec(k)?.[1];
    if (!desk || !chunk.isDynamicEntry) continue;
    desks[desk] = gz([...closure([k])].filter((x) => !signIn.has(x)));
  }
  return { signIn: gz(signIn), desks };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const log = (msg: string) => process.stderr.write(`[web] ${msg}\n`);
  const command = process.argv[2] ?? 'build';
  // The JSX transform and the libraries pick their development builds unless NODE_ENV says
  // production (Jest's NODE_ENV=test would ship jsxDEV calls and source paths).
  if (command !== 'dev') process.env.NODE_ENV = 'production';
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  try {
    if (command === 'build') await buildWeb(log);
    else if (command === 'ensure') await ensureWebBuild(log);
    else if (command === 'api') log((await writeApiTypes()) ? `updated ${relative(root, API_TYPES)}` : `${relative(root, API_TYPES)} is current`);
    else if (command === 'dev') {
      const { createServer } = await import('vite');
      const server = await createServer({ ...(await viteConfig('development')), logLevel: 'info' });
      await server.listen();
      log(`workbench http://127.0.0.1:5173${WEB_BASE} (API calls go to ${API_URL}: start it with npm start; WEB_DEV_API changes it)`);
    } else if (command === 'size') {
      await ensureWebBuild(log);
      const { signIn, desks } = bundleSizes();
      process.stdout.write(`sign-in ${kb(signIn)} gzipped\n`);
      for (const [desk, n] of Object.entries(desks)) process.stdout.write(`sign-in + ${desk} desk ${kb(signIn + n)} gzipped (the desk's own ${kb(n)})\n`);
    } else throw new Error(`unknown command "${command}": build, ensure, dev, api or size`);
  } catch (err) {
    log(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
