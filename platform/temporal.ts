// How every process reaches Temporal: the embedded dev server, a self-hosted cluster, or Temporal
// Cloud (mTLS or API key). One place, so the API, the worker and the scripts agree.
import { readFileSync } from 'node:fs';
import { Connection, Client, WorkflowUpdateFailedError, type ConnectionOptions, type WorkflowClientInterceptor } from '@temporalio/client';
import { defaultFailureConverter, defaultPayloadConverter } from '@temporalio/common';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { Config } from './config.js';

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
}

function tlsOptions(config: Config) {
  if (config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH) {
    return { clientCertPair: { crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: readFileSync(config.TEMPORAL_TLS_KEY_PATH) } };
  }
  // An API key (Temporal Cloud) implies TLS.
  return config.TEMPORAL_TLS || config.TEMPORAL_API_KEY ? true : undefined;
}

export function connectionOptions(config: Config): ConnectionOptions & NativeConnectionOptions {
  return { address: temporalAddress(config), tls: tlsOptions(config), apiKey: config.TEMPORAL_API_KEY };
}

/**
 * The SDK's startUpdate answers an update its workflow rejected (the validator said no) with a
 * handle whose result fails later — a caller waiting only for acceptance would take it as accepted.
 * Our clients fail startUpdate itself on a rejection, with the error executeUpdate gives.
 */
export const rejectedUpdatesFail: WorkflowClientInterceptor = {
  async startUpdate(input, next) {
    const out = await next(input);
    if (out.outcome?.failure)
      throw new WorkflowUpdateFailedError('Workflow Update failed', defaultFailureConverter.failureToError(out.outcome.failure, defaultPayloadConverter));
    return out;
  },
};

export async function connectClient(config: Config): Promise<Client> {
  const connection = await Connection.connect(connectionOptions(config));
  return new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, interceptors: { workflow: [rejectedUpdatesFail] } });
}

export async function connectWorker(config: Config): Promise<NativeConnection> {
  return NativeConnection.connect(connectionOptions(config));
}

/** Reachability for /readyz: a cheap call that needs the server and the namespace. */
export async function temporalReachable(client: Client, namespace: string): Promise<void> {
  await client.workflowService.describeNamespace({ namespace });
}
