// What a change of the outbox means to a subscriber: 0..n TMF events, each in the standard envelope
// with the resource as the v5 API presents it (the presenters of the API itself, so an event's body is
// what a GET would answer), and whether a subscriber may see it (the read routes' own scope rules).
import { presentCancelProductOrderV5, presentProductOrderV5 } from '../api/presenters/product-order-v5.js';
import { isInformationRequired, presentInformationRequiredV5, presentTroubleTicketV5 } from '../api/presenters/trouble-ticket-v5.js';
import type { CancelRequestRow } from '../db/cancel-requests.js';
import type { ChangeRow } from '../db/hub.js';
import type { OrderRow } from '../db/orders.js';
import type { ResourceType } from '../db/resource-changes.js';
import { isoOf } from '../db/time.js';
import type { Principal } from '../domain/access.js';
import { orderScopeRefusal, type OrderScopeFacts } from '../domain/order-access.js';
import type { WorkOrderSnapshot } from '../domain/work-order.js';
import { canSeeWorkOrder } from '../domain/work-order-access.js';
import type { HubEventType } from './catalogue.js';

type Body = Record<string, unknown>;

export interface TmfEvent {
  eventType: HubEventType;
  /** The envelope, ready to send. */
  envelope: Body;
}

/** A resource as recorded (its source data) and as the v5 API presents it. */
interface Seen<T> {
  source: T;
  body: Body;
}

/** How one kind of resource becomes events. */
interface Kind<T> {
  present(source: T, baseUrl: string): Body;
  /** The events a change means, in their order: from the resource before (absent: created) and after. */
  eventTypes(before: Seen<T> | undefined, after: Seen<T>): HubEventType[];
  /** The event's payload (`event`): the resource under its name. */
  payload(eventType: HubEventType, after: Seen<T>, baseUrl: string): Body;
}

const itemStates = (b: Body) => JSON.stringify(((b.productOrderItem as Body[] | undefined) ?? []).map((i) => [i.id, i.state]));

const productOrder: Kind<OrderRow> = {
  present: (row, baseUrl) => presentProductOrderV5(row, { baseUrl }),
  // A state change is the order's or any item's (the event carries the items with their states).
  eventTypes: (before, after) =>
    !before
      ? ['ProductOrderCreateEvent']
      : before.body.state !== after.body.state || itemStates(before.body) !== itemStates(after.body)
        ? ['ProductOrderStateChangeEvent']
        : [],
  payload: (_type, after) => ({ productOrder: after.body }),
};

const cancelProductOrder: Kind<CancelRequestRow> = {
  present: (row, baseUrl) => presentCancelProductOrderV5(row, { baseUrl }),
  eventTypes: (before, after) =>
    !before ? ['CancelProductOrderCreateEvent'] : before.body.state !== after.body.state ? ['CancelProductOrderStateChangeEvent'] : [],
  // The published schema names it `canccelProductOrder` (CancelProductOrderStateChangeEventPayload, a
  // typo of v5.0.0); the resource's own name is sent, as the spec's example and every other event do.
  payload: (_type, after) => ({ cancelProductOrder: after.body }),
};

const troubleTicket: Kind<WorkOrderSnapshot> = {
  present: (s, baseUrl) => presentTroubleTicketV5(s, { baseUrl }) as unknown as Body,
  // Several domain states are one TMF status: only a change of the presented status counts.
  eventTypes: (before, after) => {
    if (!before) return ['TroubleTicketCreateEvent'];
    const types: HubEventType[] = [];
    if (before.body.status !== after.body.status) types.push('TroubleTicketStatusChangeEvent');
    if (before.body.status !== 'resolved' && after.body.status === 'resolved') types.push('TroubleTicketResolvedEvent');
    if (!isInformationRequired(before.source) && isInformationRequired(after.source)) types.push('TroubleTicketInformationRequiredEvent');
    return types;
  },
  // InformationRequired: the schema's troubleTicketInformationRequired (what is asked for), and the
  // ticket itself as the spec's example sends it.
  payload: (type, after, baseUrl) =>
    type === 'TroubleTicketInformationRequiredEvent'
      ? { troubleTicket: after.body, troubleTicketInformationRequired: presentInformationRequiredV5(after.source, { baseUrl }) }
      : { troubleTicket: after.body },
};

const KINDS: Record<ResourceType, Kind<never>> = {
  productOrder: productOrder as Kind<never>,
  cancelProductOrder: cancelProductOrder as Kind<never>,
  troubleTicket: troubleTicket as Kind<never>,
};

/** The events of a change, in the order they are delivered. */
export function eventsOfChange(change: ChangeRow, baseUrl: string): TmfEvent[] {
  const kind = KINDS[change.resource_type];
  const seen = (source: never): Seen<never> => ({ source, body: kind.present(source, baseUrl) });
  const after = seen(change.current as never);
  const before = change.previous ? seen(change.previous as never) : undefined;
  const eventTime = isoOf(change.created_at)!;
  return kind.eventTypes(before, after).map((eventType) => ({
    eventType,
    envelope: {
      eventId: eventIdOf(change, eventType),
      eventTime,
      timeOccurred: eventTime,
      eventType,
      // Every event of one resource shares it: a receiver can follow the resource's life by it.
      correlationId: change.resource_id,
      '@type': eventType,
      '@baseType': 'Event',
      event: kind.payload(eventType, after, baseUrl),
    },
  }));
}

/** Stable across redeliveries and processes: the change it comes from and its type. */
export const eventIdOf = (change: Pick<ChangeRow, 'id'>, eventType: string) => `${change.id}-${eventType}`;

/** The orders whose scope the changes' visibility needs loaded: a cancel task's order. */
export function ordersToLoad(changes: ChangeRow[]): string[] {
  return changes.flatMap((c) => (c.resource_type === 'cancelProductOrder' ? [c.current.order_id] : []));
}

/**
 * Whether the subscriber may see the resource of a change as it is now, by the rules of the API's
 * read routes; `orders` holds the scope facts of the orders ordersToLoad named.
 */
export function visibleTo(principal: Principal, change: ChangeRow, orders: ReadonlyMap<string, OrderScopeFacts>): boolean {
  switch (change.resource_type) {
    case 'productOrder':
      return orderScopeRefusal(principal, { localNetwork: change.current.local_network, agentId: change.current.agent_id }) === undefined;
    case 'cancelProductOrder': {
      const order = orders.get(change.current.order_id);
      return order !== undefined && orderScopeRefusal(principal, order) === undefined;
    }
    case 'troubleTicket':
      return canSeeWorkOrder(principal, change.current);
  }
}
