// The events each API's hub publishes, and the subscription query (TMF630) that selects among them.
import { TMF621_BASE, TMF622_BASE } from '../api/tmf.js';

export type HubApi = 'TMF622' | 'TMF621';

export const HUB_BASES: Record<HubApi, string> = { TMF622: TMF622_BASE, TMF621: TMF621_BASE };

export const HUB_EVENT_TYPES = {
  TMF622: ['ProductOrderCreateEvent', 'ProductOrderStateChangeEvent', 'CancelProductOrderCreateEvent', 'CancelProductOrderStateChangeEvent'],
  TMF621: ['TroubleTicketCreateEvent', 'TroubleTicketStatusChangeEvent', 'TroubleTicketResolvedEvent', 'TroubleTicketInformationRequiredEvent'],
} as const satisfies Record<HubApi, readonly string[]>;

export type HubEventType = (typeof HUB_EVENT_TYPES)[HubApi][number];

/**
 * The event types a subscription's `query` selects (undefined: all), or why it cannot be honoured.
 * Supported: `eventType=A,B` (also repeated, `eventType=A&eventType=B`); any other filter is refused
 * rather than ignored, so a subscriber never gets more than it asked for.
 */
export function eventTypesOfQuery(api: HubApi, query: string | undefined): { types?: HubEventType[] } | { error: string } {
  if (query === undefined || query.trim() === '') return {};
  const known = HUB_EVENT_TYPES[api] as readonly string[];
  const types = new Set<HubEventType>();
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (key !== 'eventType') return { error: `filter "${key}" is not supported: only eventType=<type>,<type> (of ${known.join(', ')})` };
    const values = decoded(part.slice(eq + 1))
      .split(',')
      .map((v) => v.trim());
    for (const v of values) {
      if (!known.includes(v)) return { error: `unknown event type "${v}": ${api} publishes ${known.join(', ')}` };
      types.add(v as HubEventType);
    }
  }
  return { types: [...types] };
}

/** A query value as sent, percent-decoded when it is valid percent-encoding. */
function decoded(v: string): string {
  try {
    return decodeURIComponent(v.replace(/\+/g, ' '));
  } catch {
    return v;
  }
}
