// The Temporal CLI dev server (with its Web UI) for `npm start` and the tests, through the SDK's
// ephemeral-server support: an existing binary (TEMPORAL_CLI_PATH, see scripts/temporal-cli.mjs)
// or, where none could be had, the SDK's own download.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTES } from '../contracts/search-attributes.js';

export interface DevServerOptions {
  cliPath?: string;
  port: number;
  uiPort?: number;
  /** SQLite file for a persistent server; omitted = in memory. */
  dbFilename?: string;
  namespace: string;
  /** Serve the server's Prometheus metrics on this port (the benchmark reads Temporal's own figures there). */
  metricsPort?: number;
}

export interface DevServer {
  address: string;
  uiUrl?: string;
  /** The Prometheus endpoint, when metricsPort was given. */
  metricsUrl?: string;
  stop(): Promise<void>;
}

export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const executable =
    opts.cliPath && opts.cliPath !== 'download' ? ({ type: 'existing-path', path: opts.cliPath } as const) : ({ type: 'cached-download' } as const);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable,
      ip: '127.0.0.1',
      port: opts.port,
      ui: opts.uiPort !== undefined,
      uiPort: opts.uiPort,
      dbFilename: opts.dbFilename,
      namespace: opts.namespace,
      searchAttributes: ALL_SEARCH_ATTRIBUTES,
      extraArgs: ['--log-level', 'warn', ...(opts.metricsPort ? ['--metrics-port', String(opts.metricsPort)] : [])],
    },
  });
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort !== undefined ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    ...(opts.metricsPort ? { metricsUrl: `http://127.0.0.1:${opts.metricsPort}/metrics` } : {}),
    stop: () => env.teardown(),
  };
}
