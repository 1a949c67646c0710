// Billing (BOSS) simulator: accounts, subscription activation/deactivation, balances, and the
// changes to a live subscription — plan change (now or at the next cycle), suspension and
// resumption, closing with a final bill, ownership transfer — each its own call and record.
// A naive billing system: activating an already-active subscription is accepted and charged
// again; the simulator counts it as a duplicate activation so drills can prove there are none.
// It knows the seeded subscriptions (simulators/estate.ts) as well as those it activated: a seeded
// one is copied into its state, as seeded (active or suspended, its account and offering), when first touched.
import { z } from 'zod';
import { createSimulator, refuse, reply, sequentialId, type Simulator, type SimulatorOptions } from './framework.js';
import { postFinalBill, registerBillingLedger } from './billing-ledger.js';
import { seededEstate, type Estate } from './estate.js';

interface Subscription {
  billingId: string;
  accountId: string;
  customerId: string;
  offeringId: string;
  recurringCents: number;
  oneOffCents: number;
  status: 'active' | 'inactive' | 'suspended';
  activations: number;
  deactivations: number;
  /** Seeded (known from the estate), not activated here. */
  seeded?: boolean;
  /** A plan change waiting for the next billing cycle. */
  pendingPlan?: { offeringId: string; recurringCents: number; effectiveFrom: string };
  planChanges?: number;
  suspensions?: number;
  resumptions?: number;
  transfers?: number;
  /** The final bill, once closed by a disconnection. */
  finalBill?: { billId: string; amountCents: number };
}

export interface BillingState {
  accounts: Map<string, { customerId: string; name: string }>;
  subscriptions: Map<string, Subscription>;
  nextBillingId: number;
  active: number;
  duplicateActivations: number;
  refuseCustomers: Set<string>;
  balances: Map<string, number>;
  nextChange: number;
  planChanges: number;
  suspensions: number;
  resumptions: number;
  finalBills: number;
  transfers: number;
}

export interface BillingViews {
  accounts: number;
  activeSubscriptions: number;
  /** Activations of a subscription that was already active: must stay 0. */
  duplicateActivations: number;
  /** Changes to live subscriptions, per kind. */
  changes: { planChanges: number; suspensions: number; resumptions: number; finalBills: number; transfers: number };
  /** Per subscriptionId, those activated here or touched (left out in summary mode). */
  subscriptions?: Record<string, Omit<Subscription, 'oneOffCents'>>;
}

export const BillingControl = z.object({
  /** Customers whose activations are refused with CREDIT_REFUSED (replaces the list). */
  refuseCustomers: z.array(z.string()).optional(),
  /** Balances to set, in cents, per customer id (merged; others stay as they are, default 0). */
  balances: z.record(z.string(), z.number().int()).optional(),
});

const id = z.string().min(1).max(128);
const cents = z.number().int().min(0);

/** The first day of next month (UTC), when a next-cycle plan change takes effect. */
function nextCycle(now = new Date()): string {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 10);
}

/** The subscription as billing knows it: activated here, or seeded (copied into the state when first touched). */
function lookup(state: BillingState, estate: Estate, subscriptionId: string): Subscription | undefined {
  const known = state.subscriptions.get(subscriptionId);
  if (known) return known;
  const sub = seededSubscription(estate, subscriptionId);
  if (!sub) return undefined;
  state.subscriptions.set(subscriptionId, sub);
  if (sub.status !== 'inactive') state.active++;
  return sub;
}

/** A seeded subscription as billing starts with it (a terminated one is closed). */
function seededSubscription(estate: Estate, subscriptionId: string): Subscription | undefined {
  const seeded = estate.subscription(subscriptionId);
  if (!seeded) return undefined;
  return {
    billingId: `BL-SEED-${seeded.id}`,
    accountId: seeded.accountId,
    customerId: seeded.customerId,
    offeringId: seeded.offeringId,
    recurringCents: 0,
    oneOffCents: 0,
    status: seeded.status === 'active' ? 'active' : seeded.status === 'suspended' ? 'suspended' : 'inactive',
    activations: 0,
    deactivations: 0,
    seeded: true,
  };
}

export function createBillingSimulator(opts: SimulatorOptions = {}): Simulator<BillingState> {
  const estate = seededEstate(opts.estate);
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
        nextChange: 1,
        planChanges: 0,
        suspensions: 0,
        resumptions: 0,
        finalBills: 0,
        transfers: 0,
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
        changes: {
          planChanges: state.planChanges,
          suspensions: state.suspensions,
          resumptions: state.resumptions,
          finalBills: state.finalBills,
          transfers: state.transfers,
        },
        ...(summary
          ? {}
          : {
              subscriptions: Object.fromEntries([...state.subscriptions].map(([sid, { oneOffCents: _o, ...s }]) => [sid, s])),
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
    let sub = lookup(state, estate, body.subscriptionId);
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
    const sub = lookup(state, estate, params.subscriptionId!);
    if (!sub) return refuse(404, 'UNKNOWN_SUBSCRIPTION', `no subscription ${params.subscriptionId}`);
    if (sub.status !== 'inactive') {
      sub.status = 'inactive';
      sub.deactivations++;
      state.active--;
      record({ subscriptionId: params.subscriptionId, billingId: sub.billingId });
    }
    return reply({ subscriptionId: params.subscriptionId, status: sub.status });
  });

  // ---- changes to a live subscription: each its own call, its own record, idempotent by key ----

  const live = (state: BillingState, subscriptionId: string): Subscription | ReturnType<typeof refuse> => {
    const sub = lookup(state, estate, subscriptionId);
    if (!sub) return refuse(404, 'UNKNOWN_SUBSCRIPTION', `no subscription ${subscriptionId}`);
    if (sub.status === 'inactive') return refuse(409, 'SUBSCRIPTION_INACTIVE', `subscription ${subscriptionId} is closed`);
    return sub;
  };
  const isReply = (x: unknown): x is ReturnType<typeof refuse> => typeof (x as { status?: unknown }).status === 'number' && 'body' in (x as object);

  /** Moves the subscription to another plan, now or from the next cycle; answers with the plan it had (what an undo restores). */
  const ChangePlan = z.object({ offeringId: id, recurringCents: cents, effective: z.enum(['now', 'nextCycle']) });
  sim.command('post', '/subscriptions/:subscriptionId/plan', 'changePlan', ChangePlan, ({ state, params, body, record }) => {
    const sub = live(state, params.subscriptionId!);
    if (isReply(sub)) return sub;
    const previous = { offeringId: sub.offeringId, recurringCents: sub.recurringCents };
    const effectiveFrom = body.effective === 'now' ? new Date().toISOString().slice(0, 10) : nextCycle();
    // A change now also drops a pending one (an undo restores the plan as it is billed now).
    if (body.effective === 'now') {
      sub.offeringId = body.offeringId;
      sub.recurringCents = body.recurringCents;
      delete sub.pendingPlan;
    } else sub.pendingPlan = { offeringId: body.offeringId, recurringCents: body.recurringCents, effectiveFrom };
    sub.planChanges = (sub.planChanges ?? 0) + 1;
    state.planChanges++;
    const changeId = sequentialId('PC', state.nextChange++);
    record({ subscriptionId: params.subscriptionId, changeId, from: previous.offeringId, to: body.offeringId, effective: body.effective, effectiveFrom });
    return reply({ changeId, subscriptionId: params.subscriptionId, previous, effectiveFrom }, 201);
  });

  sim.command('post', '/subscriptions/:subscriptionId/suspend', 'suspendSubscription', z.object({}), ({ state, params, record }) => {
    const sub = live(state, params.subscriptionId!);
    if (isReply(sub)) return sub;
    if (sub.status === 'suspended') return refuse(409, 'ALREADY_SUSPENDED', `subscription ${params.subscriptionId} is already suspended`);
    sub.status = 'suspended';
    sub.suspensions = (sub.suspensions ?? 0) + 1;
    state.suspensions++;
    record({ subscriptionId: params.subscriptionId });
    return reply({ subscriptionId: params.subscriptionId, status: sub.status });
  });

  sim.command('post', '/subscriptions/:subscriptionId/resume', 'resumeSubscription', z.object({}), ({ state, params, record }) => {
    const sub = live(state, params.subscriptionId!);
    if (isReply(sub)) return sub;
    if (sub.status !== 'suspended') return refuse(409, 'NOT_SUSPENDED', `subscription ${params.subscriptionId} is ${sub.status}`);
    sub.status = 'active';
    sub.resumptions = (sub.resumptions ?? 0) + 1;
    state.resumptions++;
    record({ subscriptionId: params.subscriptionId });
    return reply({ subscriptionId: params.subscriptionId, status: sub.status });
  });

  /** Closes the subscription for good with its final bill (the month's rental so far); closing a closed one is refused. */
  sim.command('post', '/subscriptions/:subscriptionId/close', 'closeSubscription', z.object({}), ({ state, params, record }) => {
    const sub = live(state, params.subscriptionId!);
    if (isReply(sub)) return sub;
    const now = new Date();
    const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
    const finalBill = { billId: sequentialId('FB', state.nextChange++), amountCents: Math.round((sub.recurringCents * now.getUTCDate()) / days) };
    sub.status = 'inactive';
    sub.deactivations++;
    sub.finalBill = finalBill;
    delete sub.pendingPlan;
    state.active--;
    state.finalBills++;
    // The final bill is on the account's ledger too: the customer 360 shows it with the month's bills.
    postFinalBill(state, {
      ...finalBill,
      accountId: sub.accountId,
      customerId: sub.customerId,
      subscriptionId: params.subscriptionId!,
      offeringId: sub.offeringId,
    });
    record({ subscriptionId: params.subscriptionId, billId: finalBill.billId, amountCents: finalBill.amountCents });
    return reply({ subscriptionId: params.subscriptionId, status: 'closed', finalBill });
  });

  /** Moves the subscription to another customer's account; answers with the one it had (what an undo restores). */
  const Transfer = z.object({ accountId: id, customerId: id });
  sim.command('post', '/subscriptions/:subscriptionId/transfer', 'transferOwnership', Transfer, ({ state, params, body, record }) => {
    const sub = live(state, params.subscriptionId!);
    if (isReply(sub)) return sub;
    const previous = { accountId: sub.accountId, customerId: sub.customerId };
    sub.accountId = body.accountId;
    sub.customerId = body.customerId;
    sub.transfers = (sub.transfers ?? 0) + 1;
    state.transfers++;
    record({ subscriptionId: params.subscriptionId, from: previous, to: body });
    return reply({ subscriptionId: params.subscriptionId, previous }, 201);
  });

  /** One subscription as billing has it (seeded ones included). */
  sim.query('/subscriptions/:subscriptionId', ({ state, params }) => {
    const sub = state.subscriptions.get(params.subscriptionId!) ?? seededSubscription(estate, params.subscriptionId!);
    if (!sub) return refuse(404, 'UNKNOWN_SUBSCRIPTION', `no subscription ${params.subscriptionId}`);
    const { oneOffCents: _o, ...view } = sub;
    return reply({ subscriptionId: params.subscriptionId, ...view });
  });

  sim.query('/customers/:customerId/balance', ({ state, params }) =>
    reply({ customerId: params.customerId, balanceCents: state.balances.get(params.customerId!) ?? 0, currency: 'CNY' }),
  );

  registerBillingLedger(sim);
  return sim;
}
