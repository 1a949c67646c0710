type SharedEnvironment = typeof import('../harness/shared-environment.js');

export default async function globalTeardown() {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Jest loads this file as CommonJS (see global-setup.ts)
  const { stopSharedEnvironment } = require('../harness/shared-environment') as SharedEnvironment;
  await stopSharedEnvironment();
}
