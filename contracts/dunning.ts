// The contract of dunning (催缴 / 欠费停机 / 缴费复机), issue 14 point 2: two workflows.
//
// - `dunningRun`, started by the Temporal Schedule `dunning-<localNetwork>` once a working day of
//   that network (platform/dunning-schedules.ts), workflow ids `dunning-run-<localNetwork>-<time>`:
//   asks billing for the accounts in arrears, judges each by domain/dunning.ts, sends the reminders
//   and opens a dunning case for each account to suspend.
// - `dunningCase`, one per account in suspension, `dunning-case-<accountId>`: places the suspension
//   order (an ordinary product order of the system channel, run as its child orderFulfilment), then
//   waits for the payment — the `paymentReceived` signal, or billing's standing checked every
//   `caseCheckSeconds` — and places the resumption order.
import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { HolidaySchedule } from '../domain/calendar.js';
import type { LocalNetworkId } from '../domain/local-networks.js';
import type { AccountStanding, DunningRecord, DunningRules, PaymentTerms, SuspensionReason } from '../domain/dunning.js';

// ---- Identity ------------------------------------------------------------------------------------

export const DUNNING_RUN = 'dunningRun';
export const DUNNING_CASE = 'dunningCase';
/** The schedule of a local network's daily run, as ops find it in the Temporal UI. */
export const dunningScheduleId = (localNetwork: LocalNetworkId) => `dunning-${localNetwork}`;
/** The run's workflow id; the schedule appends the time of each run. */
export const dunningRunWorkflowId = (localNetwork: LocalNetworkId) => `dunning-run-${localNetwork}`;
export const dunningCaseWorkflowId = (accountId: string) => `dunning-case-${accountId}`;
/** Who creates the dunning orders (order.created_by). */
export const DUNNING_ACTOR = 'system:dunning';

/** How often a suspended account's standing is asked of billing when no payment signal came. */
export const DEFAULT_CASE_CHECK_SECONDS = 900;

// ---- The daily run -------------------------------------------------------------------------------

export interface DunningRunInput {
  localNetwork: LocalNetworkId;
  caseCheckSeconds: number;
  /** Every loaded year's holidays, as the schedule was last set (PUT /calendar/holidays); absent in older runs: the built-in ones. */
  holidays?: HolidaySchedule;
  /** Carried into the next run when a run continues as new. */
  carry?: { today: string; after: string; counts: DunningRunCounts };
}

export interface DunningRunCounts {
  examined: number;
  reminded: number;
  suspended: number;
  /** Accounts with nothing to do today (within grace, notice running, a case already open). */
  waiting: number;
}

export interface DunningRunResult extends DunningRunCounts {
  localNetwork: LocalNetworkId;
  /** The network's local date the run judged. */
  today: string;
}

/** An account in arrears of the run's local network, with what the system did about it so far. */
export interface DunningCandidate {
  accountId: string;
  customerId: string;
  terms: PaymentTerms;
  standing: AccountStanding;
  record: DunningRecord;
}

export interface DunningCandidatesPage {
  candidates: DunningCandidate[];
  rules: DunningRules;
  /** The cursor of the next page; absent at the end. */
  next?: string;
}

// ---- A dunning case ------------------------------------------------------------------------------

export interface DunningCaseInput {
  accountId: string;
  customerId: string;
  localNetwork: LocalNetworkId;
  reason: SuspensionReason;
  billIds: string[];
  owedCents: number;
  /** The local date the case opened: with the account id, the key of its orders. */
  openedOn: string;
  caseCheckSeconds: number;
  /** The network's rules when the case opened: what "settled" means for it. */
  rules: DunningRules;
  /** The run's holidays (its grace counted in working days); absent in older cases: the built-in ones. */
  holidays?: HolidaySchedule;
}

/** suspending → suspended → resuming → resumed; failed when the suspension order did not complete. */
export const DUNNING_CASE_STATES = ['suspending', 'suspended', 'resuming', 'resumed', 'failed'] as const;
export type DunningCaseState = (typeof DUNNING_CASE_STATES)[number];
export const FINAL_DUNNING_CASE_STATES: readonly DunningCaseState[] = ['resumed', 'failed'];

export interface DunningCaseView extends DunningCaseInput {
  caseId: string;
  state: DunningCaseState;
  stateReason?: string;
  suspensionOrderId?: string;
  resumptionOrderId?: string;
  /** The subscriptions the suspension order suspended: the ones the resumption resumes. */
  subscriptionIds: string[];
  /** Monotonic: the read model ignores older writes. */
  seq: number;
}

export const caseIdOf = (accountId: string, openedOn: string) => `${accountId}:${openedOn}`;

export const paymentReceivedSignal = defineSignal<[{ paymentId?: string }]>('paymentReceived');
export const getDunningCaseQuery = defineQuery<DunningCaseView>('getDunningCase');

export type DunningOrderKind = 'suspension' | 'resumption';

export type PlacedDunningOrder =
  | { orderId: string; subscriptionIds: string[]; customerId: string; localNetwork: LocalNetworkId }
  /** No subscription of the account to change (none active, none suspended any more). */
  | { nothingToDo: string };

export interface DunningActivities {
  findDunningCandidates(q: { localNetwork: LocalNetworkId; today: string; after?: string }): Promise<DunningCandidatesPage>;
  sendDunningReminder(r: {
    accountId: string;
    customerId: string;
    localNetwork: LocalNetworkId;
    billIds: string[];
    owedCents: number;
    today: string;
    suspensionFrom: string;
  }): Promise<void>;
  placeDunningOrder(r: {
    caseId: string;
    kind: DunningOrderKind;
    accountId: string;
    customerId: string;
    localNetwork: LocalNetworkId;
    /** For a resumption: the subscriptions the suspension suspended. */
    subscriptionIds?: string[];
  }): Promise<PlacedDunningOrder>;
  dunningStanding(r: { accountId: string; today: string }): Promise<AccountStanding>;
  recordDunningCase(view: DunningCaseView): Promise<void>;
}
