// Once per `npm test` run: the shared environment (harness/shared-environment.ts), which lives until
// global teardown stops it. Jest loads this file as CommonJS without the moduleNameMapper that maps
// ".js" imports to the .ts sources, so the harness module is required by its extensionless path.
type SharedEnvironment = typeof import('../harness/shared-environment.js');

export default async function globalSetup() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads this file as CommonJS (see above)
  const { startSharedEnvironment } = require('../harness/shared-environment') as SharedEnvironment;
  await startSharedEnvironment();
}
