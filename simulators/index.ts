// Starts the four simulators, each on its own port: billing, inventory, network, notification
// at basePort, +1, +2, +3 (the order platform/config.ts expects), or all ephemeral with basePort 0.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { createBillingSimulator } from './billing.js';
import { createInventorySimulator } from './inventory.js';
import { createNetworkSimulator } from './network.js';
import { createNotificationSimulator } from './notification.js';
import type { FaultOptions, Simulator, SimulatorOptions } from './framework.js';
import { DEFAULT_ESTATE, type EstateOptions } from './estate.js';

export { createBillingSimulator, createInventorySimulator, createNetworkSimulator, createNotificationSimulator, DEFAULT_ESTATE };
export type { EstateOptions };
export type { FaultOptions, Simulator, SimulatorOptions, SimulatorRecords, SimulatorSettings, EffectRecord } from './framework.js';

export const SYSTEMS = ['billing', 'inventory', 'network', 'notification'] as const;
export type SystemName = (typeof SYSTEMS)[number];
export type SimulatorUrls = Record<SystemName, string>;

export interface StartSimulatorsOptions extends FaultOptions {
  host?: string;
  /** 0 (default): an ephemeral port for each. */
  basePort?: number;
  logger?: Logger;
  /**
   * The seeded estate billing, network and inventory know (simulators/estate.ts): the customer count and
   * seed the database was seeded with — default db/seed.ts's (5,000, DEFAULT_SEED); false for none.
   * Generated on the first question about it, not at start.
   */
  estate?: EstateOptions | false;
}

export interface RunningSimulators {
  urls: SimulatorUrls;
  simulators: Record<SystemName, Simulator<unknown>>;
  stop(): Promise<void>;
}

const factories: Record<SystemName, (o: SimulatorOptions) => Simulator<unknown>> = {
  billing: createBillingSimulator,
  inventory: createInventorySimulator,
  network: createNetworkSimulator,
  notification: createNotificationSimulator,
};

export async function startSimulators(opts: StartSimulatorsOptions = {}): Promise<RunningSimulators> {
  const { host = '127.0.0.1', basePort = 0, ...simOpts } = opts;
  const servers: Server[] = [];
  const stop = () => Promise.all(servers.map(close)).then(() => undefined);
  const urls = {} as SimulatorUrls;
  const simulators = {} as RunningSimulators['simulators'];
  try {
    for (const [i, system] of SYSTEMS.entries()) {
      const sim = factories[system](simOpts);
      const server = await listen(sim.app, host, basePort === 0 ? 0 : basePort + i);
      servers.push(server);
      simulators[system] = sim;
      urls[system] = `http://${urlHost(host)}:${(server.address() as AddressInfo).port}`;
    }
  } catch (err) {
    await stop();
    throw err;
  }
  opts.logger?.info({ urls }, 'simulators listening');
  return { urls, simulators, stop };
}

function listen(app: Simulator<unknown>['app'], host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

/** Stops accepting, then ends connections: idle ones now, busy ones after a short grace. */
function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const force = setTimeout(() => server.closeAllConnections(), 2000).unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
