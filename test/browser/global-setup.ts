// Once per `npm test` run with browser tests: the workbench built (when web/dist is missing or older
// than its sources), then the shared environment of the integration tests (started once, whichever
// global setup comes first). Loaded by Jest as CommonJS, like test/global-setup.ts: the build runs in a
// process of its own (Vite is ESM-only) and the harness module is required by its extensionless path.
import { spawnSync } from 'node:child_process';

type SharedEnvironment = typeof import('../../harness/shared-environment.js');

export default async function browserGlobalSetup() {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/web.ts', 'ensure'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the workbench could not be built (npm run web:build says why)');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads this file as CommonJS (see above)
  const { startSharedEnvironment } = require('../../harness/shared-environment') as SharedEnvironment;
  await startSharedEnvironment();
}
