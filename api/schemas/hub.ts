// The event subscription (Hub) of TMF622 / TMF621 v5, as published: Hub_FVO in, Hub out. Strict: a
// field the specification does not have is refused, naming it.
import { z } from 'zod';
import { MAX_CALLBACK_LENGTH } from '../../events/callback.js';

export const HubInput = z
  .strictObject({
    callback: z.string().trim().min(1).max(MAX_CALLBACK_LENGTH).describe('Where the events are POSTed (see EVENT_CALLBACK_HOSTS for the hosts allowed)'),
    query: z.string().max(1000).optional().describe('TMF630 filter: eventType=<type>,<type> (all events of the API without it)'),
    '@type': z.literal('Hub').optional(),
  })
  .meta({ id: 'Hub_FVO' });

export const Hub = z
  .object({
    id: z.string(),
    href: z.string(),
    callback: z.string(),
    query: z.string().optional(),
    '@type': z.literal('Hub'),
    secret: z
      .string()
      .describe('Given once, here: the key of the HMAC-SHA256 in X-Event-Signature (t=<unix seconds>,v1=<hex of HMAC(secret, "<t>.<raw body>")>)'),
  })
  .meta({ id: 'Hub' });

export const HubIdParams = z.object({
  id: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and - only'),
});
