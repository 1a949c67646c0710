// Conventions of the TMF REST design guidelines (TMF630) shared by the v5 APIs: base paths,
// absolute hrefs, attribute selection (`fields`), list headers and polymorphic type markers.
import type { Request } from 'express';
import { z } from 'zod';
import { badRequest } from './problem.js';

export const TMF622_BASE = '/tmf-api/productOrderingManagement/v5';
export const TMF621_BASE = '/tmf-api/troubleTicket/v5';
export const TMF620_BASE = '/tmf-api/productCatalogManagement/v5';

/**
 * The absolute URL of a path on this API: API_PUBLIC_URL when configured (behind a proxy that
 * rewrites hosts), otherwise the request's own scheme and host.
 */
export function absoluteUrl(req: Request, path: string, publicUrl?: string): string {
  const base = publicUrl ? publicUrl.replace(/\/+$/, '') : `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  return `${base}${path}`;
}

/** `fields=a,b` (TMF630 attribute selection): first-level attribute names, bounded. */
export const FieldsParam = z
  .string()
  .max(500)
  .regex(/^[A-Za-z@][A-Za-z0-9@_.]*(,[A-Za-z@][A-Za-z0-9@_.]*)*$/, 'comma-separated attribute names')
  .optional()
  .describe('Comma-separated first-level attributes to return (id, href and @type always come)');

/** The body with only the selected first-level attributes (and what identifies it); every attribute without `fields`. */
export function selectFields<T extends Record<string, unknown>>(body: T, fields: string | undefined, known?: readonly string[]): Partial<T> {
  if (!fields) return body;
  const wanted = fields.split(',').map((f) => f.split('.')[0]!);
  if (known) {
    const unknown = wanted.filter((f) => !known.includes(f));
    if (unknown.length) {
      throw badRequest(
        'The request query is not valid',
        unknown.map((f) => ({ field: 'query.fields', message: `unknown attribute "${f}"`, code: 'unknown_attribute' })),
      );
    }
  }
  const keep = new Set(['id', 'href', '@type', ...wanted]);
  return Object.fromEntries(Object.entries(body).filter(([k]) => keep.has(k))) as Partial<T>;
}

/** A list's headers: X-Total-Count (all that match) beside X-Result-Count (in this page). */
export const listHeaders = (total: number, returned: number) => ({ 'x-total-count': String(total), 'x-result-count': String(returned) });

/** TMF list paging parameters (offset, limit), bounded. */
export const PagingParams = {
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

/** A reference to another resource, as TMF writes it. */
export const refTo = (referredType: string, id: string, href?: string) => ({
  id,
  ...(href ? { href } : {}),
  '@type': `${referredType}Ref`,
  '@referredType': referredType,
});

/** Money from integer cents (cents stay the unit inside; Money is a decimal amount with its currency). */
export const money = (cents: number, currency: string) => ({ unit: currency, value: Math.round(cents) / 100 });

/** Integer cents from Money, when it has no more than two decimals. */
export function centsOf(value: number): number | undefined {
  const cents = Math.round(value * 100);
  return Math.abs(cents - value * 100) < 1e-6 ? cents : undefined;
}

/** Base types of the polymorphic types we send, where the base is not the type itself (TMF630 @baseType). */
const BASE_TYPES: Record<string, string> = {
  StringCharacteristic: 'Characteristic',
  NumberCharacteristic: 'Characteristic',
  BooleanCharacteristic: 'Characteristic',
  ObjectCharacteristic: 'Characteristic',
  ObjectArrayCharacteristic: 'Characteristic',
  StringArrayCharacteristic: 'Characteristic',
  ProductOrderMilestone: 'Milestone',
  ProductOrderErrorMessage: 'ErrorMessage',
  GeographicAddress: 'Place',
  GeographicSite: 'Place',
  GeographicLocation: 'Place',
  Individual: 'Party',
  Organization: 'Party',
};

const OPAQUE_KEYS = new Set(['intentSpecification', 'intent', 'value']);

/**
 * @baseType on every typed object of a representation (TMF630 polymorphism): the base of a subtype, or
 * the type itself; an object already naming its base (an extension) keeps it. A copy; the input is left alone.
 */
export function withBaseTypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withBaseTypes) as T;
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // JSON kept as the client sent it (intents, a characteristic's value) is echoed untouched.
  for (const [k, v] of Object.entries(value)) out[k] = OPAQUE_KEYS.has(k) ? v : withBaseTypes(v);
  const type = out['@type'];
  if (typeof type === 'string' && out['@baseType'] === undefined) out['@baseType'] = BASE_TYPES[type] ?? type;
  return out as T;
}
