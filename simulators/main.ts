// `npm run simulators`: the four simulated systems on SIMULATOR_BASE_PORT..+3.
// Env: SIMULATOR_BASE_PORT (4100), SIMULATOR_LATENCY_MS (20), SIMULATOR_ERROR_RATE (0),
// and, read here only, SIMULATOR_JITTER_MS (0) and SIMULATOR_HOST (127.0.0.1).
import { loadConfig } from '../platform/config.js';
import { createLogger } from '../platform/logger.js';
import { exitOnConfigError } from '../platform/process.js';
import { startSimulators } from './index.js';

const config = exitOnConfigError(loadConfig);
const jitterMs = Number(process.env.SIMULATOR_JITTER_MS || 0);
if (!Number.isFinite(jitterMs) || jitterMs < 0) {
  console.error(`invalid configuration:\n  - SIMULATOR_JITTER_MS: expected a number of milliseconds ≥ 0 (got "${process.env.SIMULATOR_JITTER_MS}")`);
  process.exit(1);
}

const logger = createLogger(config.LOG_LEVEL, 'simulators');
const sims = await startSimulators({
  host: process.env.SIMULATOR_HOST || '127.0.0.1',
  basePort: config.SIMULATOR_BASE_PORT,
  latencyMs: config.SIMULATOR_LATENCY_MS,
  jitterMs,
  errorRate: config.SIMULATOR_ERROR_RATE,
  logger,
});

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, async () => {
    logger.info({ signal: sig }, 'simulators stopping');
    await sims.stop();
    process.exit(0);
  });
}
