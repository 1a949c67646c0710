// Everything the domain needs to judge and price an order, gathered from the database, the
// in-memory reference data and the billing system (its balance, for the credit check) — an
// application service over db/ and adapters/, so db/ stays PostgreSQL only. One assessment for the
// API (synchronous 400s at order entry) and the workflow's validate step (the facts may have
// changed since).
import type { EntityManager } from '@mikro-orm/postgresql';
import { TransientAdapterError } from '../adapters/errors.js';
import type { Adapters } from '../adapters/types.js';
import type { Customer, Subscription } from '../domain/customer.js';
import { quoteRequestFromOrder, validateOrderRequest, type OrderRequest, type Refusal } from '../domain/order.js';
import { newOwnerOf, type PartyFacts } from '../domain/order-changes.js';
import type { Quote } from '../domain/pricing.js';
import { accountsOf, findAccount, firstAccountOf, loadCustomer, subscriptionsOf } from '../db/customers.js';
import type { ReferenceData, ReferenceSnapshot } from '../db/reference.js';
import { lifecyclesAt } from '../db/offering-lifecycle.js';

export interface OrderAssessment {
  refusals: Refusal[];
  customer?: Customer;
  accountId?: string;
  quote: Quote;
  reference: ReferenceSnapshot;
  /** The customer's subscriptions, by id (loaded when an item changes one). */
  subscriptionsById?: ReadonlyMap<string, Subscription>;
  /** The new owners ownership transfers name, with their accounts. */
  partiesById?: ReadonlyMap<string, PartyFacts>;
}

export async function assessOrder(
  em: EntityManager,
  reference: ReferenceData,
  adapters: Adapters,
  request: OrderRequest,
  opts: {
    at: Date;
    /**
     * Order entry takes the order when billing is unreachable (the credit check is then left to the
     * workflow's validate step, which waits for billing); the validate step itself insists.
     */
    balanceIfBillingDown?: 'skip' | 'fail';
    /** A customer the caller may not see is judged as one that does not exist (nothing about it leaks). */
    customerVisible?: (customer: Customer) => boolean;
    /**
     * When the order was taken, for a running order judged again: its offerings' lifecycle is the one
     * they had then (an offering retired since does not fail it; db/offering-lifecycle.ts lifecyclesAt).
     */
    takenAt?: Date;
  },
): Promise<OrderAssessment> {
  const ref = await reference.get();
  const found = await loadCustomer(em, request.customerId);
  const customer = found && (opts.customerVisible?.(found) ?? true) ? found : undefined;
  const needsSubscriptions = request.productOrderItem.some((i) => i.action !== 'add');
  // An agent's daily limit is counted where the order is inserted, under a lock (db/orders.ts
  // insertOrderOnce): a count here, without it, could only be stale.
  const [subscriptions, account, balance] = await Promise.all([
    customer && needsSubscriptions ? subscriptionsOf(em, customer.id) : Promise.resolve([]),
    !customer ? Promise.resolve(null) : request.billingAccountId ? findAccount(em, request.billingAccountId) : firstAccountOf(em, customer.id),
    customer
      ? adapters.billing.getBalance(customer.id).then(
          (b) => b.balanceCents,
          (err: unknown) => {
            if (opts.balanceIfBillingDown === 'skip' && err instanceof TransientAdapterError) return undefined;
            throw err;
          },
        )
      : Promise.resolve(undefined),
  ]);
  // The new owners of ownership transfers (their status, identity and accounts are checked).
  const ownerIds = [...new Set(request.productOrderItem.flatMap((i) => (i.action === 'modify' ? [newOwnerOf(i)?.id] : [])).filter((x): x is string => !!x))];
  const partiesById = new Map<string, PartyFacts>();
  for (const id of ownerIds) {
    const [party, accounts] = await Promise.all([loadCustomer(em, id), accountsOf(em, id)]);
    if (party && (opts.customerVisible?.(party) ?? true)) partiesById.set(id, { customer: party, accountIds: accounts.map((a) => a.id) });
  }
  const subscriptionsById = needsSubscriptions ? new Map(subscriptions.map((s) => [s.id, s as unknown as Subscription])) : undefined;
  const known = [...new Set(request.productOrderItem.map((i) => i.productOffering.id))].filter((id) => ref.offerings.has(id));
  const lifecycleAt = opts.takenAt ? await lifecyclesAt(em, known, opts.takenAt) : undefined;
  const quote = ref.pricing.quote(quoteRequestFromOrder(request, customer?.tier ?? 'ordinary'), opts.at.toISOString());
  const refusals = validateOrderRequest(request, {
    customer,
    offeringsById: ref.offerings,
    localNetworkRules: [...ref.localNetworks.values()],
    agentContract: request.agentId ? ref.agents.get(request.agentId) : undefined,
    at: opts.at.getTime(),
    outstandingBalanceCents: balance,
    orderChargesCents: quote.totalOneOffCents,
    ...(lifecycleAt ? { lifecycleAt } : {}),
    subscriptionsById,
    partiesById,
  });
  // Only a request that names real offerings gets "no price" refusals (the others already say why).
  for (const e of quote.errors) {
    if (!refusals.some((r) => r.field === `productOrderItem[${e.index}].productOffering.id`)) {
      refusals.push({ code: e.code, field: `productOrderItem[${e.index}].productOffering.id`, message: e.message });
    }
  }
  if (customer && request.billingAccountId && account?.customerId !== customer.id) {
    refusals.push({
      code: 'UNKNOWN_BILLING_ACCOUNT',
      field: 'billingAccountId',
      message: `customer ${customer.id} has no billing account "${request.billingAccountId}"`,
    });
  } else if (customer && !account) refusals.push({ code: 'NO_ACCOUNT', field: 'customerId', message: `customer ${customer.id} has no billing account` });
  return { refusals, customer, accountId: account?.id, quote, reference: ref, subscriptionsById, partiesById };
}
