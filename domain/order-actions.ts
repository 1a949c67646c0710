// What a reader of an order may still do to it, and if not, why: the same rules the order's workflow
// applies when it admits a cancellation or an amendment (domain/order.ts canCancelOrder and
// canAmendItem), so the order page never offers what the API would refuse with a 409.
import { canAmendItem, canCancelOrder, isFinal, ORDER_STATES, type ItemProgress, type OrderState } from './order.js';

export type ActionCheck = { allowed: true } | { allowed: false; code: string; reason: string };

export interface OrderForActions {
  /** The order's state as the API answers it (`draft` included, for a draft not submitted yet). */
  state: string;
  /** The items' progress as the workflow records it: empty until the order is validated. */
  items: readonly ItemProgress[];
  /** The item ids as requested, for an order not validated yet. */
  requestedItemIds: readonly string[];
}

/** Whether the reader's roles carry each action (POST /cancelProductOrder, PATCH …/productOrderItem/{id}). */
export interface ActionRoles {
  cancel: boolean;
  amend: boolean;
}

export interface OrderActionChecks {
  cancel: ActionCheck;
  /** By item id. */
  amend: Record<string, ActionCheck>;
}

const refused = (code: string, reason: string): ActionCheck => ({ allowed: false, code, reason });
const ok: ActionCheck = { allowed: true };
const isOrderState = (s: string): s is OrderState => (ORDER_STATES as readonly string[]).includes(s);

export function orderActionChecks(order: OrderForActions, roles: ActionRoles): OrderActionChecks {
  const state = order.state;
  let cancel: ActionCheck;
  if (!roles.cancel) cancel = refused('ROLE', 'your role does not cancel orders');
  else if (!isOrderState(state)) cancel = refused('NOT_STARTED', `the order is a ${state}: it has not started`);
  else {
    const check = canCancelOrder(state, order.items);
    cancel = check.ok ? ok : refused(check.code, check.reason);
  }

  const amendOf = (itemId: string): ActionCheck => {
    if (!roles.amend) return refused('ROLE', 'your role does not amend orders');
    if (!isOrderState(state)) return refused('NOT_STARTED', `the order is a ${state}: it has not started`);
    if (isFinal(state)) return refused('ORDER_FINAL', `the order is already ${state}`);
    if (state === 'assessingCancellation' || state === 'pendingCancellation') return refused('CANCEL_REQUESTED', `the order is being cancelled (${state})`);
    const item = order.items.find((i) => i.itemId === itemId);
    if (!item) return refused('NOT_VALIDATED', 'the order is still being checked: amend it once it is validated');
    const check = canAmendItem(item);
    return check.ok ? ok : refused(check.code, check.reason);
  };
  const ids = order.items.length ? order.items.map((i) => i.itemId) : order.requestedItemIds;
  return { cancel, amend: Object.fromEntries(ids.map((id) => [id, amendOf(id)])) };
}
