// Event notifications, per API: POST {base}/hub subscribes the caller's callback to the API's events
// (those of the resources it may read, at the time of each event), DELETE {base}/hub/{id} ends the
// caller's own subscription. The events themselves are sent by the deliverer (events/deliverer.ts).
import { randomUUID } from 'node:crypto';
import type { Role } from '../../domain/access.js';
import { insertSubscription, deleteSubscription } from '../../db/hub.js';
import { CallbackPolicy } from '../../events/callback.js';
import { HUB_BASES, HUB_EVENT_TYPES, eventTypesOfQuery, type HubApi } from '../../events/catalogue.js';
import { newSecret } from '../../events/signature.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { badRequest, conflict, notFound } from '../problem.js';
import { Hub, HubIdParams, HubInput } from '../schemas/hub.js';
import { absoluteUrl } from '../tmf.js';
import { WORK_ORDER_ROLES } from '../work-order-desk.js';

/** Who may subscribe: whoever may read the API's resources (the roles of its GET routes). */
const READERS: Record<HubApi, Role[]> = {
  TMF622: ['order-entry', 'agent', 'ops', 'auditor', 'supervisor'],
  TMF621: [...WORK_ORDER_ROLES.read],
};

export function registerHubRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const policy = new CallbackPolicy(deps.config.EVENT_CALLBACK_HOSTS);
  for (const api of ['TMF622', 'TMF621'] as const) {
    const base = HUB_BASES[api];
    routes
      .add({
        method: 'post',
        path: `${base}/hub`,
        summary: `Subscribe to ${api} events (${HUB_EVENT_TYPES[api].join(', ')}) of the resources the caller may read`,
        description:
          'Each event is POSTed to the callback, signed: X-Event-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret answered here, once>. ' +
          'At least once (X-Event-Id / eventId tell duplicates), in order per resource; retried with backoff for EVENT_RETRY_FOR_SECONDS.',
        tags: ['events'],
        roles: READERS[api],
        body: HubInput,
        responses: {
          201: { description: 'subscribed; Location names the subscription', schema: Hub },
          409: { description: 'the caller has EVENT_SUBSCRIPTIONS_PER_CALLER subscriptions to this API already' },
        },
        handler: async ({ req, body, principal }) => {
          const refused = policy.refusal(body.callback);
          if (refused) throw badRequest('The callback cannot receive events', [{ field: 'callback', message: refused, code: 'CALLBACK_NOT_ALLOWED' }]);
          const selected = eventTypesOfQuery(api, body.query);
          if ('error' in selected) throw badRequest('The query is not supported', [{ field: 'query', message: selected.error, code: 'QUERY_NOT_SUPPORTED' }]);
          const secret = newSecret();
          const row = await insertSubscription(
            deps.orm.em.fork(),
            { id: randomUUID(), api, callback: body.callback, query: body.query, eventTypes: selected.types, principal, secret },
            deps.config.EVENT_SUBSCRIPTIONS_PER_CALLER,
          );
          if (!row) throw conflict(`at most ${deps.config.EVENT_SUBSCRIPTIONS_PER_CALLER} subscriptions to ${api} per caller: delete one first`);
          const href = absoluteUrl(req, `${base}/hub/${row.id}`, deps.config.API_PUBLIC_URL);
          return {
            status: 201,
            headers: { location: href },
            body: { id: row.id, href, callback: row.callback, ...(row.query ? { query: row.query } : {}), '@type': 'Hub', secret },
          };
        },
      })
      .add({
        method: 'delete',
        path: `${base}/hub/:id`,
        summary: `End one of the caller's ${api} event subscriptions (404 for any other)`,
        tags: ['events'],
        roles: READERS[api],
        params: HubIdParams,
        responses: { 204: { description: 'unsubscribed; nothing more is sent to it' }, 404: { description: 'the caller has no such subscription' } },
        handler: async ({ params, principal }) => {
          // Another caller's subscription is not found, not forbidden: its existence is not told.
          if (!(await deleteSubscription(deps.orm.em.fork(), { id: params.id, api, owner: principal.sub }))) throw notFound(`no subscription ${params.id}`);
          return { status: 204 };
        },
      });
  }
}
