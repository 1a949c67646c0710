// HTTP clients of the four systems. The wire contract (paths, bodies, error codes) is the one the
// simulators in simulators/ implement; see simulators/README.md.
import { createJsonHttpClient, seg, type HttpClientOptions } from './http.js';
import type {
  AdapterUrls,
  Adapters,
  BillingAdapter,
  InventoryAdapter,
  LedgerBalanceEntry,
  LedgerBill,
  LedgerPayment,
  NetworkAdapter,
  NotificationAdapter,
} from './types.js';

export function createBillingClient(baseUrl: string, opts: HttpClientOptions): BillingAdapter {
  const http = createJsonHttpClient('billing', baseUrl, opts);
  return {
    createAccount: (input, key) => http.mutate('createAccount', 'POST', '/accounts', input, key),
    activateSubscription: (input, key) => http.mutate('activateSubscription', 'POST', '/subscriptions', input, key),
    deactivateSubscription: async ({ subscriptionId }, key) => {
      await http.mutate('deactivateSubscription', 'POST', `/subscriptions/${seg(subscriptionId)}/deactivate`, {}, key);
    },
    getBalance: (customerId) => http.get('getBalance', `/customers/${seg(customerId)}/balance`),
    listBills: async (accountId, limit) => (await http.get<{ bills: LedgerBill[] }>('listBills', `/accounts/${seg(accountId)}/bills?limit=${limit}`)).bills,
    listPayments: async (accountId, limit) =>
      (await http.get<{ payments: LedgerPayment[] }>('listPayments', `/accounts/${seg(accountId)}/payments?limit=${limit}`)).payments,
    recordPayment: ({ accountId, ...body }, key) => http.mutate('recordPayment', 'POST', `/accounts/${seg(accountId)}/payments`, body, key),
    topUp: ({ accountId, ...body }, key) => http.mutate('topUp', 'POST', `/accounts/${seg(accountId)}/topups`, body, key),
    balanceHistory: async (accountId, limit) =>
      (await http.get<{ entries: LedgerBalanceEntry[] }>('balanceHistory', `/accounts/${seg(accountId)}/balance-history?limit=${limit}`)).entries,
    listArrears: ({ asOf, after, limit }) => http.get('listArrears', `/arrears?asOf=${seg(asOf)}&limit=${limit}${after ? `&after=${seg(after)}` : ''}`),
    accountStanding: (accountId, asOf) => http.get('accountStanding', `/accounts/${seg(accountId)}/standing?asOf=${seg(asOf)}`),
    changePlan: ({ subscriptionId, ...body }, key) => http.mutate('changePlan', 'POST', `/subscriptions/${seg(subscriptionId)}/plan`, body, key),
    suspendSubscription: async ({ subscriptionId }, key) => {
      await http.mutate('suspendSubscription', 'POST', `/subscriptions/${seg(subscriptionId)}/suspend`, {}, key);
    },
    resumeSubscription: async ({ subscriptionId }, key) => {
      await http.mutate('resumeSubscription', 'POST', `/subscriptions/${seg(subscriptionId)}/resume`, {}, key);
    },
    closeSubscription: ({ subscriptionId }, key) => http.mutate('closeSubscription', 'POST', `/subscriptions/${seg(subscriptionId)}/close`, {}, key),
    transferOwnership: ({ subscriptionId, ...body }, key) =>
      http.mutate('transferOwnership', 'POST', `/subscriptions/${seg(subscriptionId)}/transfer`, body, key),
  };
}

export function createInventoryClient(baseUrl: string, opts: HttpClientOptions): InventoryAdapter {
  const http = createJsonHttpClient('inventory', baseUrl, opts);
  return {
    reserve: (input, key) => http.mutate('reserve', 'POST', '/reservations', input, key),
    release: async ({ reservationId }, key) => {
      await http.mutate('release', 'POST', `/reservations/${seg(reservationId)}/release`, {}, key);
    },
    listFreeNumbers: ({ localNetwork, plan, pattern, limit, offset }) => {
      const q = new URLSearchParams({ localNetwork, plan, limit: String(limit), offset: String(offset), ...(pattern ? { pattern } : {}) });
      return http.get('listFreeNumbers', `/numbers?${q}`);
    },
    numberStatus: ({ localNetwork, number }) => http.get('numberStatus', `/numbers/${seg(number)}?${new URLSearchParams({ localNetwork })}`),
    holdNumber: ({ number, ...body }, key) => http.mutate('holdNumber', 'POST', `/numbers/${seg(number)}/hold`, body, key),
    releaseHold: async ({ holdId, heldBy }, key) => {
      await http.mutate('releaseHold', 'POST', `/holds/${seg(holdId)}/release`, { heldBy }, key);
    },
    quarantineNumber: ({ number, ...body }, key) => http.mutate('quarantineNumber', 'POST', `/numbers/${seg(number)}/release`, body, key),
    releaseValue: async (input, key) => {
      await http.mutate('releaseValue', 'POST', '/resources/release', input, key);
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
    modifyService: ({ serviceId, ...body }, key) => http.mutate('modifyService', 'POST', `/services/${seg(serviceId)}/modify`, body, key),
    barService: async ({ serviceId }, key) => {
      await http.mutate('barService', 'POST', `/services/${seg(serviceId)}/bar`, {}, key);
    },
    unbarService: async ({ serviceId }, key) => {
      await http.mutate('unbarService', 'POST', `/services/${seg(serviceId)}/unbar`, {}, key);
    },
    removeService: ({ serviceId }, key) => http.mutate('removeService', 'POST', `/services/${seg(serviceId)}/remove`, {}, key),
    restoreService: async ({ serviceId }, key) => {
      await http.mutate('restoreService', 'POST', `/services/${seg(serviceId)}/restore`, {}, key);
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
