export * from './types.js';
export * from './errors.js';
export { createJsonHttpClient, type CallOutcome, type OnCall, type HttpClientOptions, type JsonHttpClient } from './http.js';
export { createHttpAdapters, createBillingClient, createInventoryClient, createNetworkClient, createNotificationClient } from './clients.js';
