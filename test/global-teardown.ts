type SharedEnvironment = typeof import('../harness/shared-environment.js');

export default async function globalTeardown() {
  const { stopSharedEnvironment } = require('../harness/shared-environment') as SharedEnvironment;
  await stopSharedEnvironment();
}
