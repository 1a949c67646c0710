// TMF620 Product Catalog Management v5 under its published base path: the product offerings, read
// only — list (filtered by local network as sold there, service line, lifecycle status and sales
// channel; paged) and get — and the one change this system makes to the catalog: an offering's
// lifecycle (draft → active → retired), by an administrator, recorded with who, when and why.
// The same reference data as the order desk's GET /catalog/productOffering and order entry read.
import type { Request } from 'express';
import { z } from 'zod';
import { hasRole, inLocalNetworkScope, type Principal } from '../../domain/access.js';
import { channelRefusal, type ProductOffering, type ServiceLine } from '../../domain/catalog.js';
import { isOfferingSold, type LocalNetworkRules } from '../../domain/local-networks.js';
import { ORDER_CHANNELS, type OrderChannel } from '../../domain/order.js';
import { changeOfferingLifecycle, lastLifecycleChanges, lifecycleHistory, type LifecycleChange } from '../../db/offering-lifecycle.js';
import type { ReferenceData } from '../../db/reference.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes, Reply } from '../http.js';
import { conflict, forbidden, notFound } from '../problem.js';
import {
  GetProductOfferingQuery,
  ListProductOfferingsQuery,
  PatchProductOffering,
  ProductOfferingIdParams,
  ProductOfferingV5,
} from '../schemas/product-catalog.js';
import { absoluteUrl, listHeaders, selectFields, TMF620_BASE } from '../tmf.js';

export type ProductCatalogDeps = ApiDeps & { reference: ReferenceData };

/** Who reads the catalog; drafts (not yet launched) only catalog staff: admin, ops, auditor. */
export const CATALOG_READERS = ['order-entry', 'agent', 'call-centre', 'supervisor', 'ops', 'auditor'] as const;
const seesDrafts = (p: Principal) => hasRole(p, 'ops', 'auditor');

const SERVICE_LINE_NAMES: Record<ServiceLine, string> = {
  fixed_line: 'Fixed line 固定电话',
  phs: 'PHS 小灵通',
  broadband: 'Broadband 宽带',
  gsm_mobile: 'GSM postpaid 移动后付费',
  gsm_prepaid: 'GSM prepaid 移动预付费',
  ip_phone: 'IP phone IP电话',
  long_distance: 'Long distance 长途',
  value_added: 'Value-added services 增值业务',
};
const CHANNEL_NAMES: Record<OrderChannel, string> = {
  shop: 'Shop counter 营业厅',
  agent: 'Agent 代理商',
  call_centre: 'Call centre (phone) 客服热线',
  web: 'Web 网上营业厅',
};

/** First-level attributes `fields` may name. */
const FIELDS = [
  'id',
  'href',
  '@type',
  'name',
  'description',
  'isBundle',
  'isSellable',
  'lifecycleStatus',
  'statusReason',
  'lastUpdate',
  'category',
  'place',
  'channel',
  'marketSegment',
  'allowedAction',
  'productOfferingCharacteristic',
  'nameZh',
  'serviceLine',
  'saleRequires',
  'lifecycleHistory',
] as const;

/** The channels an offering is sold over (channel rules: face-to-face only when its sale needs it). */
export function salesChannels(o: ProductOffering): OrderChannel[] {
  return ORDER_CHANNELS.filter((c) => channelRefusal(o, c) === undefined);
}

function present(o: ProductOffering, ctx: { baseUrl: string; networks: readonly LocalNetworkRules[]; last?: LifecycleChange; history?: LifecycleChange[] }) {
  return {
    id: o.id,
    href: `${ctx.baseUrl}${TMF620_BASE}/productOffering/${o.id}`,
    '@type': 'ProductOffering' as const,
    name: o.name,
    description: `${o.nameZh ?? o.name} (${SERVICE_LINE_NAMES[o.serviceLine]})`,
    isBundle: false,
    isSellable: o.lifecycle === 'active',
    lifecycleStatus: o.lifecycle,
    ...(ctx.last?.reason ? { statusReason: ctx.last.reason } : {}),
    ...(ctx.last ? { lastUpdate: ctx.last.changedAt } : {}),
    category: [{ id: o.serviceLine, name: SERVICE_LINE_NAMES[o.serviceLine], '@type': 'CategoryRef', '@referredType': 'Category' }],
    place: ctx.networks
      .filter((n) => isOfferingSold(n, o))
      .map((n) => ({ id: n.id, name: `${n.name} ${n.nameZh}`, '@type': 'PlaceRef', '@referredType': 'GeographicSite' })),
    channel: salesChannels(o).map((c) => ({ id: c, name: CHANNEL_NAMES[c], '@type': 'ChannelRef', '@referredType': 'SalesChannel' })),
    ...(o.customerKinds
      ? {
          marketSegment: o.customerKinds.map((k) => ({
            id: k,
            name: k === 'enterprise' ? 'Enterprise 集团客户' : 'Individual 个人客户',
            '@type': 'MarketSegmentRef',
          })),
        }
      : {}),
    allowedAction: o.template.allowedActions.map((action) => ({ action, '@type': 'AllowedProductAction' })),
    productOfferingCharacteristic: (o.characteristics ?? []).map((c) => ({
      name: c.name,
      valueType: c.valueType,
      description: c.description,
      configurable: true,
      minCardinality: c.requiredFor?.includes('add') ? 1 : 0,
      maxCardinality: 1,
      '@type': 'CharacteristicSpecification',
    })),
    // Extension attributes of this system.
    ...(o.nameZh ? { nameZh: o.nameZh } : {}),
    serviceLine: o.serviceLine,
    saleRequires: o.saleRequires ?? [],
    ...(ctx.history ? { lifecycleHistory: ctx.history.map(({ id: _id, offeringId: _o, ...c }) => c) } : {}),
  };
}

class ProductCatalogHandlers {
  constructor(private readonly deps: ProductCatalogDeps) {}

  private baseUrl(req: Request) {
    return absoluteUrl(req, '', this.deps.config.API_PUBLIC_URL);
  }

  /** The offering, if the reader may see it (a draft only catalog staff). */
  private async offering(id: string, principal: Principal) {
    const ref = await this.deps.reference.get();
    const o = ref.offerings.get(id);
    if (!o || (o.lifecycle === 'draft' && !seesDrafts(principal))) throw notFound(`no product offering ${id}`);
    return { o, ref };
  }

  async list({ req, query, principal }: { req: Request; query: z.infer<typeof ListProductOfferingsQuery>; principal: Principal }): Promise<Reply> {
    const place = query['place.id'];
    if (place && !inLocalNetworkScope(principal, place)) throw forbidden(`not allowed in local network ${place}`);
    const ref = await this.deps.reference.get();
    const networks = [...ref.localNetworks.values()];
    const rules = place ? ref.localNetworks.get(place) : undefined;
    const channel = query['channel.id'];
    const matching = [...ref.offerings.values()]
      .filter(
        (o) =>
          (o.lifecycle !== 'draft' || seesDrafts(principal)) &&
          (!query.lifecycleStatus || o.lifecycle === query.lifecycleStatus) &&
          (!query['category.id'] || o.serviceLine === query['category.id']) &&
          (!place || (rules !== undefined && isOfferingSold(rules, o))) &&
          (!channel || channelRefusal(o, channel) === undefined),
      )
      .sort((a, b) => a.serviceLine.localeCompare(b.serviceLine) || a.id.localeCompare(b.id));
    const page = matching.slice(query.offset, query.offset + query.limit);
    const last = await lastLifecycleChanges(this.deps.orm.em.fork());
    const baseUrl = this.baseUrl(req);
    return {
      headers: listHeaders(matching.length, page.length),
      body: page.map((o) => selectFields(present(o, { baseUrl, networks, last: last.get(o.id) }), query.fields, FIELDS)),
    };
  }

  async get({ req, params, query, principal }: { req: Request; params: { id: string }; query: z.infer<typeof GetProductOfferingQuery>; principal: Principal }) {
    const { o, ref } = await this.offering(params.id, principal);
    const history = await lifecycleHistory(this.deps.orm.em.fork(), o.id);
    const body = present(o, { baseUrl: this.baseUrl(req), networks: [...ref.localNetworks.values()], last: history.at(-1), history });
    return { body: selectFields(body, query.fields, FIELDS) };
  }

  /** The lifecycle change: forward only (409 otherwise); the same state again changes nothing. */
  async patch({ req, params, body, principal }: { req: Request; params: { id: string }; body: z.infer<typeof PatchProductOffering>; principal: Principal }) {
    await this.offering(params.id, principal);
    const em = this.deps.orm.em.fork();
    const r = await changeOfferingLifecycle(em, {
      offeringId: params.id,
      to: body.lifecycleStatus,
      ...(body.statusReason ? { reason: body.statusReason } : {}),
      by: { id: principal.sub, ...(principal.name ? { name: principal.name } : {}) },
    });
    if (!r.ok && r.code === 'NOT_FOUND') throw notFound(r.message);
    if (!r.ok) throw conflict(`${r.message} (the lifecycle goes draft → active → retired, never back)`, { lifecycleStatus: r.from });
    // Read through: the reference data sees the new catalog version, here and in every other process.
    const { o, ref } = await this.offering(params.id, principal);
    const history = await lifecycleHistory(em, o.id);
    return { body: present(o, { baseUrl: this.baseUrl(req), networks: [...ref.localNetworks.values()], last: history.at(-1), history }) };
  }
}

export function registerProductCatalogRoutes(routes: ApiRoutes, deps: ProductCatalogDeps): void {
  const h = new ProductCatalogHandlers(deps);
  const tags = ['TMF620 product catalog'];
  routes
    .add({
      method: 'get',
      path: `${TMF620_BASE}/productOffering`,
      summary: 'List product offerings (filters: lifecycleStatus, category.id = service line, place.id = local network, channel.id)',
      description:
        'place.id keeps the offerings that local network sells (its service lines, less the offerings it excludes); channel.id those sold over that channel ' +
        '(an offering whose sale needs an identity check, cash or a bank transfer is not sold by phone or web). Drafts are shown to admin, ops and auditor only. ' +
        'Sorted by service line, then id; X-Total-Count has all that match, X-Result-Count this page.',
      tags,
      roles: [...CATALOG_READERS],
      query: ListProductOfferingsQuery,
      responses: { 200: { description: 'a page of product offerings', schema: z.array(ProductOfferingV5) } },
      handler: (ctx) => h.list(ctx),
    })
    .add({
      method: 'get',
      path: `${TMF620_BASE}/productOffering/:id`,
      summary: 'A product offering, with its lifecycle history (who changed it, when, why)',
      tags,
      roles: [...CATALOG_READERS],
      params: ProductOfferingIdParams,
      query: GetProductOfferingQuery,
      responses: { 200: { description: 'the product offering', schema: ProductOfferingV5 }, 404: { description: 'no such product offering' } },
      handler: (ctx) => h.get(ctx),
    })
    .add({
      method: 'patch',
      path: `${TMF620_BASE}/productOffering/:id`,
      summary: "Change an offering's lifecycle (admin): draft → active → retired (application/merge-patch+json)",
      description:
        'Only lifecycleStatus (and statusReason) may be patched: the rest of the catalog is reference data. A retired offering is refused to new orders ' +
        '(400 OFFERING_NOT_ACTIVE naming the item) from the next read of every API process and worker; orders already taken go on. ' +
        'Backwards (retired → active, active → draft) is 409; the state it already has, 200 without a new history entry.',
      bodyTypes: ['application/merge-patch+json', 'application/json'],
      tags,
      roles: ['admin'],
      params: ProductOfferingIdParams,
      body: PatchProductOffering,
      responses: {
        200: { description: 'the product offering after the change, with its history', schema: ProductOfferingV5 },
        404: { description: 'no such product offering' },
        409: { description: 'the lifecycle does not go that way' },
      },
      handler: (ctx) => h.patch(ctx),
    });
}
