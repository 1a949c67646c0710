// Billing (BOSS) simulator: accounts, subscription activation/deactivation, balances.
// A naive billing system: activating an already-active subscription is accepted and charged
// again; the simulator counts it as a duplicate activation so drills can prove there are none.
import { z } from 'zod';
import { createSimulator, refuse, reply, sequentialId, type Simulator, type SimulatorOptions } from './framework.js';

interface Subscription {
  billingId: string;
  accountId: string;
  customerId: string;
  offeringId: string;
  recurringCents: number;
  oneOffCents: number;
  status: 'active' | 'inactive';
  activations: number;
  deactivations: number;
}

export interface BillingState {
  accounts: Map<string, { customerId: string; name: string }>;
  subscriptions: Map<string, Subscription>;
  nextBillingId: number;
  active: number;
  duplicateActivations: number;
  refuseCustomers: Set<string>;
  balances: Map<string, number>;
}

export interface BillingViews {
  accounts: number;
  activeSubscriptions: number;
  /** Activations of a subscription that was already active: must stay 0. */
  duplicateActivations: number;
  /** Per subscriptionId (left out in summary mode). */
  subscriptions?: Record<string, Omit<Subscription, 'recurringCents' | 'oneOffCents'>>;
}

export const BillingControl = z.object({
  /** Customers whose activations are refused with CREDIT_REFUSED (replaces the list). */
  refuseCustomers: z.array(z.string()).optional(),
  /** Balances to set, in cents, per customer id (merged; others stay as they are, default 0). */
  balances: z.record(z.string(), z.number().int()).optional(),
});

const id = z.string().min(1).max(128);
const cents = z.number().int().min(0);

export function createBillingSimulator(opts: SimulatorOptions = {}): Simulator<BillingState> {
  const sim = createSimulator(
    {
      system: 'billing',
      initialState: (): BillingState => ({
        accounts: new Map(),
        subscriptions: new Map(),
        nextBillingId: 1,
        active: 0,
        duplicateActivations: 0,
        refuseCustomers: new Set(),
        balances: new Map(),
      }),
      control: BillingControl,
      applyControl(state, c) {
        if (c.refuseCustomers) state.refuseCustomers = new Set(c.refuseCustomers);
        for (const [customer, balance] of Object.entries(c.balances ?? {})) state.balances.set(customer, balance);
      },
      settings: (state) => ({ refuseCustomers: [...state.refuseCustomers], balancesSet: state.balances.size }),
      views: (state, summary): BillingViews => ({
        accounts: state.accounts.size,
        activeSubscriptions: state.active,
        duplicateActivations: state.duplicateActivations,
        ...(summary
          ? {}
          : {
              subscriptions: Object.fromEntries([...state.subscriptions].map(([sid, { recurringCents: _r, oneOffCents: _o, ...s }]) => [sid, s])),
            }),
      }),
    },
    opts,
  );

  sim.command(
    'post',
    '/accounts',
    'createAccount',
    z.object({ customerId: id, accountId: id, name: z.string().min(1).max(200) }),
    ({ state, body, record }) => {
      const existing = state.accounts.get(body.accountId);
      if (existing && existing.customerId !== body.customerId) {
        return refuse(409, 'ACCOUNT_EXISTS', `account ${body.accountId} belongs to another customer`);
      }
      if (existing) return reply({ accountId: body.accountId });
      state.accounts.set(body.accountId, { customerId: body.customerId, name: body.name });
      record({ accountId: body.accountId, customerId: body.customerId });
      return reply({ accountId: body.accountId }, 201);
    },
  );

  const Activate = z.object({
    subscriptionId: id,
    accountId: id,
    customerId: id,
    offeringId: id,
    recurringCents: cents,
    oneOffCents: cents,
  });
  sim.command('post', '/subscriptions', 'activateSubscription', Activate, ({ state, body, record }) => {
    if (state.refuseCustomers.has(body.customerId)) {
      return refuse(409, 'CREDIT_REFUSED', `credit check refused for customer ${body.customerId}`);
    }
    // Accounts are not required to exist first: the project's customers live in its own database.
    let sub = state.subscriptions.get(body.subscriptionId);
    const duplicate = sub?.status === 'active';
    if (!sub) {
      sub = { ...body, billingId: sequentialId('BL', state.nextBillingId++), status: 'inactive', activations: 0, deactivations: 0 };
      state.subscriptions.set(body.subscriptionId, sub);
    }
    if (duplicate) state.duplicateActivations++;
    else state.active++;
    Object.assign(sub, { offeringId: body.offeringId, recurringCents: body.recurringCents, oneOffCents: body.oneOffCents, status: 'active' });
    sub.activations++;
    record({ subscriptionId: body.subscriptionId, customerId: body.customerId, offeringId: body.offeringId, billingId: sub.billingId, duplicate });
    return reply({ billingId: sub.billingId }, 201);
  });

  sim.command('post', '/subscriptions/:subscriptionId/deactivate', 'deactivateSubscription', z.object({}), ({ state, params, record }) => {
    const sub = state.subscriptions.get(params.subscriptionId!);
    if (!sub) return refuse(404, 'UNKNOWN_SUBSCRIPTION', `no subscription ${params.subscriptionId}`);
    if (sub.status === 'active') {
      sub.status = 'inactive';
      sub.deactivations++;
      state.active--;
      record({ subscriptionId: params.subscriptionId, billingId: sub.billingId });
    }
    return reply({ subscriptionId: params.subscriptionId, status: sub.status });
  });

  sim.query('/customers/:customerId/balance', ({ state, params }) =>
    reply({ customerId: params.customerId, balanceCents: state.balances.get(params.customerId!) ?? 0, currency: 'CNY' }),
  );

  return sim;
}
