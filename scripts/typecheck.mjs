#!/usr/bin/env node
// `npm run typecheck` (and part of `npm test`): the Node code (tsconfig.json) and the browser's
// workbench (web/tsconfig.json: DOM, JSX, bundler resolution) are two TypeScript projects.
// Node built-ins only: bootstrap runs it with the project's Node.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
let failed = 0;
for (const project of ['tsconfig.json', 'web/tsconfig.json']) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    process.stderr.write(`[typecheck] ${project}: FAILED\n`);
  }
}
process.exit(failed ? 1 : 0);
