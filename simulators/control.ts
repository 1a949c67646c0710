// Typed client of the simulators' control plane, for tests and fault drills.
import type { SimulatorRecords, SimulatorSettings } from './framework.js';
import type { BillingViews } from './billing.js';
import type { InventoryViews, ResourceKind } from './inventory.js';
import type { NetworkViews } from './network.js';
import type { NotificationViews } from './notification.js';

export type { BillingViews, InventoryViews, NetworkViews, NotificationViews, SimulatorRecords, SimulatorSettings };

/** Body of POST /_control. The last four groups apply to one system each; others reject them. */
export interface ControlBody {
  latencyMs?: number;
  jitterMs?: number;
  errorRate?: number;
  lostResponseRate?: number;
  outageForMs?: number;
  outageUntil?: string | number | null;
  /** Starts counting counters.peakInFlight afresh. */
  resetPeakInFlight?: true;
  // billing
  refuseCustomers?: string[];
  balances?: Record<string, number>;
  // inventory
  capacity?: Partial<Record<ResourceKind, number>>;
  numberHoldSeconds?: number;
  quarantineSecondsPerDay?: number;
  // network
  failOfferings?: string[];
  failActions?: string[];
  // notification
  blockRecipients?: string[];
}

export interface SimulatorClient<V> {
  /** summary: leave out per-entity views (for large runs); effects: how many recent effects (default 1000). */
  records(opts?: { summary?: boolean; effects?: number }): Promise<SimulatorRecords<V>>;
  control(body: ControlBody): Promise<SimulatorSettings>;
  reset(): Promise<void>;
  healthy(): Promise<boolean>;
}

export function simulatorControl<V = object>(url: string): SimulatorClient<V> {
  const base = url.replace(/\/+$/, '');
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(base + path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`simulator ${method} ${base}${path} answered ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }
  return {
    records: ({ summary, effects } = {}) => {
      const q = new URLSearchParams();
      if (summary) q.set('summary', 'true');
      if (effects !== undefined) q.set('effects', String(effects));
      return call('GET', `/_records${q.size ? `?${q}` : ''}`);
    },
    control: (body) => call('POST', '/_control', body),
    reset: async () => void (await call('POST', '/_reset')),
    healthy: async () => {
      try {
        return (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2000) })).ok;
      } catch {
        return false;
      }
    },
  };
}

/** All four, typed. */
export function simulatorControls(urls: { billing: string; inventory: string; network: string; notification: string }) {
  return {
    billing: simulatorControl<BillingViews>(urls.billing),
    inventory: simulatorControl<InventoryViews>(urls.inventory),
    network: simulatorControl<NetworkViews>(urls.network),
    notification: simulatorControl<NotificationViews>(urls.notification),
  };
}
