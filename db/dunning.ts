// Dunning's reads and bookkeeping (migration 015): which accounts in arrears belong to a local network
// and how they pay, the reminders sent, the open cases, and each case's record.
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DunningCaseView } from '../contracts/dunning.js';
import type { PaymentTerms } from '../domain/dunning.js';
import { executorOf } from './transaction.js';

export interface DunningAccount {
  accountId: string;
  customerId: string;
  terms: PaymentTerms;
  /** The dates of the reminders sent, by bill id. */
  reminders: Record<string, string>;
  caseOpen: boolean;
}

const OPEN_CASE_STATES = `('suspending', 'suspended', 'resuming')`;

/**
 * Of these accounts, those of customers of `localNetwork`, with their terms (prepaid when every live
 * subscription billed to the account is a prepaid one), reminders and whether a case is open.
 */
export async function dunningAccounts(em: EntityManager, accountIds: string[], localNetwork: string): Promise<DunningAccount[]> {
  if (accountIds.length === 0) return [];
  const conn = executorOf(em);
  const rows = (await conn.execute(
    `select a.id as account_id, a.customer_id,
            coalesce(bool_and(s.service_line = 'gsm_prepaid') filter (where s.id is not null), false) as prepaid,
            exists (select 1 from dunning_case d where d.account_id = a.id and d.state in ${OPEN_CASE_STATES}) as case_open,
            coalesce((select jsonb_object_agg(r.bill_id, to_char(r.sent_on, 'YYYY-MM-DD')) from dunning_reminder r where r.account_id = a.id), '{}'::jsonb) as reminders
       from account a
       join customer c on c.id = a.customer_id
       left join subscription s on s.account_id = a.id and s.status <> 'terminated'
      where a.id = any(?::text[]) and c.home_local_network = ?
      group by a.id, a.customer_id
      order by a.id`,
    [`{${accountIds.map((id) => `"${id.replace(/["\\]/g, '\\$&')}"`).join(',')}}`, localNetwork],
  )) as Array<{ account_id: string; customer_id: string; prepaid: boolean; case_open: boolean; reminders: Record<string, string> }>;
  return rows.map((r) => ({
    accountId: r.account_id,
    customerId: r.customer_id,
    terms: r.prepaid ? 'prepaid' : 'postpaid',
    reminders: r.reminders,
    caseOpen: r.case_open,
  }));
}

/** The reminders of an account's overdue bills, sent on `sentOn`; a bill already reminded of keeps its first day. */
export async function recordReminders(
  em: EntityManager,
  r: { accountId: string; customerId: string; localNetwork: string; billIds: string[]; owedCents: number; sentOn: string },
): Promise<void> {
  const conn = executorOf(em);
  for (const billId of r.billIds) {
    await conn.execute(
      `insert into dunning_reminder (account_id, bill_id, customer_id, local_network, owed_cents, sent_on)
       values (?, ?, ?, ?, ?, ?::date) on conflict do nothing`,
      [r.accountId, billId, r.customerId, r.localNetwork, r.owedCents, r.sentOn],
    );
  }
}

export interface DunningSubscription {
  id: string;
  offeringId: string;
  serviceLine: string;
  localNetwork: string;
  status: string;
}

/** The account's subscriptions in a status (value-added services ride on their line and are left alone). */
export async function dunningSubscriptions(em: EntityManager, accountId: string, status: 'active' | 'suspended'): Promise<DunningSubscription[]> {
  const rows = (await executorOf(em).execute(
    `select id, offering_id, service_line, local_network, status from subscription
      where account_id = ? and status = ? and service_line <> 'value_added' order by id`,
    [accountId, status],
  )) as Array<{ id: string; offering_id: string; service_line: string; local_network: string; status: string }>;
  return rows.map((r) => ({ id: r.id, offeringId: r.offering_id, serviceLine: r.service_line, localNetwork: r.local_network, status: r.status }));
}

/** The case as its workflow last said (an older write, retried late, never overwrites a newer one). */
export async function recordDunningCase(em: EntityManager, v: DunningCaseView): Promise<void> {
  await executorOf(em).execute(
    `insert into dunning_case (case_id, account_id, customer_id, local_network, reason, state, state_reason, bill_ids, owed_cents,
                               subscription_ids, suspension_order_id, resumption_order_id, opened_on, seq)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?, ?::date, ?)
     on conflict (case_id) do update set
       state = excluded.state, state_reason = excluded.state_reason, subscription_ids = excluded.subscription_ids,
       suspension_order_id = excluded.suspension_order_id, resumption_order_id = excluded.resumption_order_id,
       seq = excluded.seq, updated_at = now()
     where dunning_case.seq < excluded.seq`,
    [
      v.caseId,
      v.accountId,
      v.customerId,
      v.localNetwork,
      v.reason,
      v.state,
      v.stateReason ?? null,
      JSON.stringify(v.billIds),
      v.owedCents,
      JSON.stringify(v.subscriptionIds),
      v.suspensionOrderId ?? null,
      v.resumptionOrderId ?? null,
      v.openedOn,
      v.seq,
    ],
  );
}

export interface DunningCaseRow {
  case_id: string;
  account_id: string;
  customer_id: string;
  local_network: string;
  reason: string;
  state: string;
  state_reason: string | null;
  bill_ids: string[];
  owed_cents: string;
  subscription_ids: string[];
  suspension_order_id: string | null;
  resumption_order_id: string | null;
  opened_on: string;
}

/** The customer's open dunning cases (one per account at most). */
export async function openDunningCases(em: EntityManager, customerId: string): Promise<DunningCaseRow[]> {
  return (await executorOf(em).execute(
    `select case_id, account_id, customer_id, local_network, reason, state, state_reason, bill_ids, owed_cents, subscription_ids,
            suspension_order_id, resumption_order_id, to_char(opened_on, 'YYYY-MM-DD') as opened_on
       from dunning_case where customer_id = ? and state in ${OPEN_CASE_STATES} order by account_id`,
    [customerId],
  )) as DunningCaseRow[];
}
