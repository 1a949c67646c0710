#!/usr/bin/env node
// `npm run lint` (and the first part of `npm test`): formatting (Prettier), lint (typescript-eslint)
// and the layers (dependency-cruiser, .dependency-cruiser.cjs). `--fix` formats and fixes what can be.
// Node built-ins only: bootstrap runs it with the project's Node.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fix = process.argv.includes('--fix');
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const LAYERS = [
  'domain',
  'contracts',
  'workflows',
  'activities',
  'services',
  'adapters',
  'db',
  'api',
  'events',
  'workers',
  'platform',
  'simulators',
  'harness',
  'scripts',
  'test',
  'web',
];

const checks = [
  ['formatting (prettier)', bin('prettier', 'bin/prettier.cjs'), [fix ? '--write' : '--check', '--log-level', 'warn', '.']],
  ['lint (typescript-eslint)', bin('eslint', 'bin/eslint.js'), [...(fix ? ['--fix'] : []), '.']],
  [
    'layers (dependency-cruiser)',
    bin('dependency-cruiser', 'bin/dependency-cruiser.mjs'),
    ['--config', '.dependency-cruiser.cjs', '--output-type', 'err', ...LAYERS],
  ],
];

let failed = 0;
for (const [what, script, args] of checks) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  if (!ok) failed += 1;
  process.stderr.write(`[lint] ${what}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}
if (failed && !fix) process.stderr.write('[lint] `npm run format` fixes the formatting; the rest needs a change by hand.\n');
process.exit(failed ? 1 : 0);
