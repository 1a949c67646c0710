// Activities of dunning (contracts/dunning.ts): billing's arrears joined with the read model, the
// reminder (notification gateway + its record), the suspension and resumption orders (ordinary order
// rows of the system channel, fulfilled by orderFulfilment like any other), and the case's record.
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { BusinessRefusalError } from '../adapters/errors.js';
import type { Adapters } from '../adapters/types.js';
import { DUNNING_ACTOR, type DunningActivities, type DunningCandidate } from '../contracts/dunning.js';
import { dunningRulesOf } from '../domain/dunning.js';
import { SYSTEM_CHANNEL, type OrderRequest } from '../domain/order.js';
import { dunningAccounts, dunningSubscriptions, recordDunningCase, recordReminders } from '../db/dunning.js';
import { loadCustomer } from '../db/customers.js';
import { insertOrderOnce } from '../db/orders.js';
import type { ReferenceData } from '../db/reference.js';

export interface DunningActivityDeps {
  em: () => EntityManager;
  adapters: Adapters;
  reference: ReferenceData;
}

/** Accounts asked of billing per page; a page of a network's candidates may be fewer (other networks' accounts). */
const ARREARS_PAGE = 200;

export function createDunningActivities({ em, adapters, reference }: DunningActivityDeps): DunningActivities {
  return {
    async findDunningCandidates({ localNetwork, today, after }) {
      const rules = dunningRulesOf((await reference.get()).localNetworks.get(localNetwork));
      const page = await adapters.billing.listArrears({ asOf: today, limit: ARREARS_PAGE, ...(after ? { after } : {}) });
      const standings = new Map(page.accounts.map((s) => [s.accountId, s]));
      const ours = await dunningAccounts(em(), [...standings.keys()], localNetwork);
      const candidates: DunningCandidate[] = ours.map((a) => {
        const { accountId, balanceCents, overdueBills } = standings.get(a.accountId)!;
        return {
          accountId,
          customerId: a.customerId,
          terms: a.terms,
          standing: { accountId, balanceCents, overdueBills },
          record: { reminders: a.reminders, caseOpen: a.caseOpen },
        };
      });
      return { candidates, rules, ...(page.next ? { next: page.next } : {}) };
    },

    async sendDunningReminder(r) {
      const customer = await loadCustomer(em(), r.customerId);
      const to = customer?.contact?.phone ?? customer?.contact?.email;
      if (to) {
        try {
          await adapters.notification.send(
            {
              channel: customer?.contact?.phone ? 'sms' : 'email',
              to,
              template: 'dunning.reminder',
              params: { accountId: r.accountId, owed: (r.owedCents / 100).toFixed(2), bills: r.billIds.join(','), suspensionFrom: r.suspensionFrom },
            },
            // One reminder per account and first overdue bill, whatever retries.
            `dunning-reminder:${r.accountId}:${r.billIds[0]}`,
          );
        } catch (err) {
          // An address the gateway refuses does not become valid by retrying; the reminder still counts as given.
          if (!(err instanceof BusinessRefusalError)) throw err;
        }
      }
      await recordReminders(em(), { ...r, sentOn: r.today });
    },

    async placeDunningOrder({ caseId, kind, accountId, customerId, localNetwork, subscriptionIds }) {
      const key = `dunning:${caseId}:${kind}`;
      const subs = (await dunningSubscriptions(em(), accountId, kind === 'suspension' ? 'active' : 'suspended')).filter(
        (s) => kind === 'suspension' || subscriptionIds?.includes(s.id),
      );
      if (subs.length === 0) return { nothingToDo: `account ${accountId} has no ${kind === 'suspension' ? 'active' : 'suspended'} subscription to change` };
      const request: OrderRequest = {
        customerId,
        localNetwork,
        channel: SYSTEM_CHANNEL,
        note: `${kind} for dunning, case ${caseId}`,
        billingAccountId: accountId,
        productOrderItem: subs.map((s, i) => ({
          id: String(i + 1),
          action: 'modify',
          productOffering: { id: s.offeringId },
          product: { id: s.id, status: kind === 'suspension' ? 'suspended' : 'active' },
        })),
      };
      const { row } = (await insertOrderOnce(em(), {
        id: `PO-${randomUUID()}`,
        externalOwner: DUNNING_ACTOR,
        // A retry finds the order of the first attempt by its key.
        idempotencyKey: key,
        requestHash: createHash('sha256').update(JSON.stringify(request)).digest('hex'),
        customerId,
        localNetwork,
        channel: SYSTEM_CHANNEL,
        serviceLines: [...new Set(subs.map((s) => s.serviceLine))],
        items: [],
        quote: null,
        request,
        createdBy: DUNNING_ACTOR,
      })) as { row: { id: string; request: OrderRequest } };
      // The order as first placed (a retry's subscriptions may have moved on since).
      const placed = row.request.productOrderItem.map((i) => i.product!.id!);
      return { orderId: row.id, subscriptionIds: placed, customerId, localNetwork };
    },

    async dunningStanding({ accountId, today }) {
      const { balanceCents, overdueBills } = await adapters.billing.accountStanding(accountId, today);
      return { accountId, balanceCents, overdueBills };
    },

    async recordDunningCase(view) {
      await recordDunningCase(em(), view);
    },
  };
}
