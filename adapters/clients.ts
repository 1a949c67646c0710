// HTTP clients of the four systems. The wire contract (paths, bodies, error codes) is the one the
// simulators in simulators/ implement; see simulators/README.md.
import { createJsonHttpClient, seg, type HttpClientOptions } from './http.js';
import type { AdapterUrls, Adapters, BillingAdapter, InventoryAdapter, NetworkAdapter, NotificationAdapter } from './types.js';

export function createBillingClient(baseUrl: string, opts: HttpClientOptions): BillingAdapter {
  const http = createJsonHttpClient('billing', baseUrl, opts);
  return {
    createAccount: (input, key) => http.mutate('createAccount', 'POST', '/accounts', input, key),
    activateSubscription: (input, key) => http.mutate('activateSubscription', 'POST', '/subscriptions', input, key),
    deactivateSubscription: async ({ subscriptionId }, key) => {
      await http.mutate('deactivateSubscription', 'POST', `/subscriptions/${seg(subscriptionId)}/deactivate`, {}, key);
    },
    getBalance: (customerId) => http.get('getBalance', `/customers/${seg(customerId)}/balance`),
  };
}

export function createInventoryClient(baseUrl: string, opts: HttpClientOptions): InventoryAdapter {
  const http = createJsonHttpClient('inventory', baseUrl, opts);
  return {
    reserve: (input, key) => http.mutate('reserve', 'POST', '/reservations', input, key),
    release: async ({ reservationId }, key) => {
      await http.mutate('release', 'POST', `/reservations/${seg(reservationId)}/release`, {}, key);
    },
  };
}

export function createNetworkClient(baseUrl: string, opts: HttpClientOptions): NetworkAdapter {
  const http = createJsonHttpClient('network', baseUrl, opts);
  return {
    activateService: (input, key) => http.mutate('activateService', 'POST', '/activations', input, key),
    deactivateService: async ({ activationId }, key) => {
      await http.mutate('deactivateService', 'POST', `/activations/${seg(activationId)}/deactivate`, {}, key);
    },
  };
}

export function createNotificationClient(baseUrl: string, opts: HttpClientOptions): NotificationAdapter {
  const http = createJsonHttpClient('notification', baseUrl, opts);
  return { send: (input, key) => http.mutate('send', 'POST', '/messages', input, key) };
}

export function createHttpAdapters(urls: AdapterUrls, opts: HttpClientOptions): Adapters {
  return {
    billing: createBillingClient(urls.billing, opts),
    inventory: createInventoryClient(urls.inventory, opts),
    network: createNetworkClient(urls.network, opts),
    notification: createNotificationClient(urls.notification, opts),
  };
}
