// What the order desk reads and holds before it places an order: the catalog as offered in a local
// network (withdrawn and draft offerings absent; for an agent, what its contract refuses and why),
// and the resource inventory's free numbers — a page at a time with a pattern search — one of which
// an order form holds for a few minutes, then gives with the order (characteristic numberHold).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { inLocalNetworkScope, type Principal } from '../../domain/access.js';
import { checkAgentScope, type AgentContract } from '../../domain/agent.js';
import type { ProductOffering, ServiceLine } from '../../domain/catalog.js';
import { chinaBusinessDay } from '../../domain/instant.js';
import { isOfferingSold, type LocalNetworkRules } from '../../domain/local-networks.js';
import { BusinessRefusalError } from '../../adapters/errors.js';
import type { NumberPlan } from '../../adapters/types.js';
import type { ReferenceData } from '../../db/reference.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes, Reply } from '../http.js';
import { ProblemError, badRequest, forbidden } from '../problem.js';
import { actsAsAgent } from './orders.js';
import {
  CatalogQuery,
  FreeNumbers,
  FreeNumbersQuery,
  HoldHeaders,
  HoldNumberInput,
  NumberHold,
  NumberParams,
  OfferedCatalog,
  ReleaseHoldQuery,
  type NUMBERED_SERVICE_LINES,
} from '../schemas/order-desk.js';

export type OrderDeskDeps = ApiDeps & { reference: ReferenceData };
type NumberedLine = (typeof NUMBERED_SERVICE_LINES)[number];

/** The numbering block an offering's chosen number comes from, in a network's plan. */
export function numberPlanOf(serviceLine: ServiceLine, rules: Pick<LocalNetworkRules, 'fixedNumberDigits'>): NumberPlan | undefined {
  if (serviceLine === 'gsm_mobile' || serviceLine === 'gsm_prepaid') return 'mobile';
  if (serviceLine === 'fixed_line' || serviceLine === 'phs') return rules.fixedNumberDigits === 8 ? 'fixed8' : 'fixed7';
  return undefined;
}

const PLAN_DIGITS: Record<NumberPlan, number> = { mobile: 11, fixed7: 7, fixed8: 8 };

/** An inventory key from the caller and its key: bounded and printable whatever they are. */
const inventoryKey = (what: string, ...parts: string[]) => `desk/${what}/${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 40)}`;

/** The inventory's refusals as problems: the number's state is a conflict, a reused key 422. */
function refusalAsProblem(err: unknown, field: string): never {
  if (!(err instanceof BusinessRefusalError)) throw err;
  const errors = [{ field, message: err.message.replace(/^.*?: /, ''), code: err.code }];
  if (err.code === 'IDEMPOTENCY_KEY_REUSED') {
    throw new ProblemError(422, 'Unprocessable Content', 'This Idempotency-Key was used to hold another number; use a new key', [
      { field: 'header.idempotency-key', message: 'already used with a different request', code: err.code },
    ]);
  }
  if (err.code === 'HOLD_NOT_YOURS') throw new ProblemError(403, 'Forbidden', 'The hold was placed by someone else', errors);
  if (err.status === 409) throw new ProblemError(409, 'Conflict', errors[0]!.message, errors);
  throw badRequest(errors[0]!.message, errors);
}

export class OrderDeskHandlers {
  constructor(private readonly deps: OrderDeskDeps) {}

  /** The reader's agent contract and how many orders it placed this business day (undefined for staff). */
  private async agentOf(principal: Principal, agents: Map<string, AgentContract>) {
    if (!actsAsAgent(principal)) return undefined;
    const contract = principal.agentId ? agents.get(principal.agentId) : undefined;
    if (!contract) throw forbidden(`no contract for agent ${principal.agentId ?? '(none named)'}`);
    const since = `${chinaBusinessDay(Date.now())}T00:00:00+08:00`;
    const [row] = (await this.deps.orm.em
      .fork()
      .getConnection()
      .execute(`select count(*)::int as n from product_order where agent_id = ? and created_at >= ?`, [contract.agentId, since])) as Array<{ n: number }>;
    return { contract, ordersToday: row?.n ?? 0 };
  }

  /** GET /catalog/productOffering */
  async catalog({ query, principal }: { query: z.infer<typeof CatalogQuery>; principal: Principal }): Promise<Reply> {
    if (!inLocalNetworkScope(principal, query.localNetwork)) throw forbidden(`not allowed in local network ${query.localNetwork}`);
    const ref = await this.deps.reference.get();
    const rules = ref.localNetworks.get(query.localNetwork);
    if (!rules) throw badRequest(`no rules for local network ${query.localNetwork}`, [{ field: 'query.localNetwork', message: 'unknown local network' }]);
    const agent = await this.agentOf(principal, ref.agents);
    const now = new Date().toISOString();
    const sold = [...ref.offerings.values()]
      // As TMF620's GET /productOffering?place.id=…&lifecycleStatus=active shows them: the same reference data, the same rule.
      .filter((o) => o.lifecycle === 'active' && isOfferingSold(rules, o))
      .sort((a, b) => a.serviceLine.localeCompare(b.serviceLine) || a.id.localeCompare(b.id));
    const scopeOf = (offeringIds: string[]) =>
      agent && checkAgentScope(agent.contract, { localNetwork: query.localNetwork, offeringIds, at: now, ordersToday: 0, catalog: ref.offerings });
    const presented = sold
      .filter((o) => !query.serviceLine || o.serviceLine === query.serviceLine)
      .map((o) => {
        const scope = scopeOf([o.id]);
        return presentOffering(o, rules, scope && !scope.ok ? { code: scope.code, reason: scope.reason } : undefined);
      });
    const lines = [...new Set(sold.map((o) => o.serviceLine))].map((id) => ({ id, offerings: sold.filter((o) => o.serviceLine === id).length }));
    const body: z.infer<typeof OfferedCatalog> = {
      localNetwork: {
        id: rules.id,
        name: rules.name,
        nameZh: rules.nameZh,
        areaCode: rules.areaCode,
        fixedNumberDigits: rules.fixedNumberDigits,
        maxItemsPerOrder: rules.maxItemsPerOrder,
      },
      serviceLines: lines,
      productOffering: presented,
    };
    if (agent) {
      const c = agent.contract;
      const whole = checkAgentScope(c, { localNetwork: query.localNetwork, offeringIds: [], at: now, ordersToday: agent.ordersToday });
      body.agent = {
        agentId: c.agentId,
        name: c.name,
        status: c.status,
        validFrom: c.validFrom,
        validTo: c.validTo,
        localNetworks: c.localNetworks,
        serviceLines: c.serviceLines ?? [],
        offeringIds: c.offeringIds ?? [],
        dailyOrderLimit: c.dailyOrderLimit,
        ordersToday: agent.ordersToday,
        ...(whole.ok ? {} : { refusal: { code: whole.code, reason: whole.reason } }),
      };
    }
    return { body };
  }

  /** The plan of a service line in a network the reader may work in; an agent only for lines its contract sells. */
  private async numberPlan(principal: Principal, localNetwork: string, serviceLine: NumberedLine, field: string): Promise<NumberPlan> {
    if (!inLocalNetworkScope(principal, localNetwork)) throw forbidden(`not allowed in local network ${localNetwork}`);
    const ref = await this.deps.reference.get();
    const rules = ref.localNetworks.get(localNetwork);
    if (!rules || !rules.sellsServiceLines.includes(serviceLine)) {
      throw badRequest(`${localNetwork} does not sell ${serviceLine}`, [{ field, message: `not sold in ${localNetwork}`, code: 'SERVICE_LINE_NOT_SOLD' }]);
    }
    if (actsAsAgent(principal)) {
      const contract = principal.agentId ? ref.agents.get(principal.agentId) : undefined;
      const lineOfferings = [...ref.offerings.values()].filter((o) => o.serviceLine === serviceLine && o.lifecycle === 'active').map((o) => o.id);
      const anyInScope =
        contract &&
        lineOfferings.some(
          (id) =>
            checkAgentScope(contract, {
              localNetwork: localNetwork as never,
              offeringIds: [id],
              at: new Date().toISOString(),
              ordersToday: 0,
              catalog: ref.offerings,
            }).ok,
        );
      if (!anyInScope) throw forbidden(`agent ${principal.agentId ?? ''} may not sell ${serviceLine} in ${localNetwork}`);
    }
    return numberPlanOf(serviceLine, rules)!;
  }

  /** GET /inventory/numbers */
  async freeNumbers({ query, principal }: { query: z.infer<typeof FreeNumbersQuery>; principal: Principal }): Promise<Reply> {
    const plan = await this.numberPlan(principal, query.localNetwork, query.serviceLine, 'query.serviceLine');
    const page = await this.deps.adapters.inventory
      .listFreeNumbers({ localNetwork: query.localNetwork, plan, pattern: query.pattern, limit: query.limit, offset: query.offset })
      .catch((err: unknown) => refusalAsProblem(err, 'query.pattern'));
    const body: z.infer<typeof FreeNumbers> = {
      localNetwork: query.localNetwork,
      serviceLine: query.serviceLine,
      plan,
      ...(query.pattern ? { pattern: query.pattern } : {}),
      offset: query.offset,
      limit: query.limit,
      numbers: page.numbers.map((number) => ({ number })),
      hasMore: page.hasMore,
    };
    return { body };
  }

  /** POST /inventory/numbers/{number}/hold */
  async hold({
    params,
    body,
    headers,
    principal,
  }: {
    params: z.infer<typeof NumberParams>;
    body: z.infer<typeof HoldNumberInput>;
    headers: z.infer<typeof HoldHeaders>;
    principal: Principal;
  }): Promise<Reply> {
    const plan = await this.numberPlan(principal, body.localNetwork, body.serviceLine, 'serviceLine');
    if (params.number.length !== PLAN_DIGITS[plan]) {
      throw badRequest(`${params.number} is not a ${body.serviceLine} number in ${body.localNetwork}`, [
        { field: 'path.number', message: `${PLAN_DIGITS[plan]} digits here`, code: 'MALFORMED_NUMBER' },
      ]);
    }
    const hold = await this.deps.adapters.inventory
      .holdNumber(
        { localNetwork: body.localNetwork, number: params.number, heldBy: principal.sub },
        inventoryKey('hold', principal.sub, headers['idempotency-key']),
      )
      .catch((err: unknown) => refusalAsProblem(err, 'path.number'));
    const answer: z.infer<typeof NumberHold> = { ...hold, serviceLine: body.serviceLine };
    return { status: 201, body: answer };
  }

  /** DELETE /inventory/numbers/{number}/hold: the holder's own hold; nothing held (expired, consumed, released) is fine. */
  async release({
    params,
    query,
    principal,
  }: {
    params: z.infer<typeof NumberParams>;
    query: z.infer<typeof ReleaseHoldQuery>;
    principal: Principal;
  }): Promise<Reply> {
    if (!inLocalNetworkScope(principal, query.localNetwork)) throw forbidden(`not allowed in local network ${query.localNetwork}`);
    const status = await this.deps.adapters.inventory
      .numberStatus({ localNetwork: query.localNetwork, number: params.number })
      .catch((err: unknown) => refusalAsProblem(err, 'path.number'));
    if (status.status === 'held' && status.holdId === query.holdId) {
      await this.deps.adapters.inventory
        .releaseHold({ holdId: query.holdId, heldBy: principal.sub }, inventoryKey('release', principal.sub, query.holdId))
        .catch((err: unknown) => refusalAsProblem(err, 'query.holdId'));
    }
    return { status: 204 };
  }
}

function presentOffering(o: ProductOffering, rules: LocalNetworkRules, refusal: { code: string; reason: string } | undefined) {
  const plan = o.characteristics?.some((c) => c.name === 'requestedNumber') ? numberPlanOf(o.serviceLine, rules) : undefined;
  return {
    id: o.id,
    name: o.name,
    ...(o.nameZh ? { nameZh: o.nameZh } : {}),
    serviceLine: o.serviceLine,
    lifecycleStatus: 'active' as const,
    actions: o.template.allowedActions,
    resources: o.template.resources,
    fieldInstallation: o.template.fieldInstallation,
    needsInstallationAddress: (o.characteristics ?? []).some((c) => c.name === 'installationAddress' && c.requiredFor?.includes('add')),
    ...(plan ? { numberPlan: plan } : {}),
    ...(o.customerKinds ? { customerKinds: o.customerKinds } : {}),
    ...(o.saleRequires?.length ? { saleRequires: o.saleRequires } : {}),
    characteristic: (o.characteristics ?? []).map((c) => ({
      name: c.name,
      valueType: c.valueType,
      ...(c.format ? { format: c.format } : {}),
      ...(c.format === 'fixed_number' ? { digits: rules.fixedNumberDigits } : {}),
      ...(c.requiredFor ? { requiredFor: c.requiredFor } : {}),
      ...(c.allowedValues ? { allowedValues: c.allowedValues } : {}),
      description: c.description,
    })),
    deposit: rules.deposits
      .filter((d) => d.serviceLines.includes(o.serviceLine))
      .map((d) => ({ amountCents: d.amountCents, tiers: d.tiers, ...(d.customerKinds ? { customerKinds: d.customerKinds } : {}), reason: d.reason })),
    orderable: refusal === undefined,
    ...(refusal ? { refusal } : {}),
  };
}

export function registerOrderDeskRoutes(routes: ApiRoutes, deps: OrderDeskDeps): void {
  const h = new OrderDeskHandlers(deps);
  routes
    .add({
      method: 'get',
      path: '/catalog/productOffering',
      summary: 'The catalog as offered in a local network: active offerings it sells, by service line, with their characteristics and deposits',
      description:
        'Withdrawn (retired) and draft offerings are absent, as are those the network does not sell. For an agent, each offering outside its contract ' +
        'has orderable=false and the reason, and `agent` shows the contract (limits, orders today).',
      tags: ['catalog'],
      roles: ['order-entry', 'agent', 'call-centre', 'supervisor', 'ops', 'auditor'],
      query: CatalogQuery,
      responses: { 200: { description: 'the offered catalog', schema: OfferedCatalog } },
      handler: (ctx) => h.catalog(ctx),
    })
    .add({
      method: 'get',
      path: '/inventory/numbers',
      summary: 'A page of free service numbers in a local network, with a pattern search (e.g. ending in 8888)',
      description:
        'Numbers neither taken, held back (ending in 0000) nor held for another order form, in numeric order. `hasMore` says whether the next page has any.',
      tags: ['inventory'],
      roles: ['order-entry', 'agent', 'ops'],
      query: FreeNumbersQuery,
      responses: { 200: { description: 'a page of free numbers', schema: FreeNumbers } },
      handler: (ctx) => h.freeNumbers(ctx),
    })
    .add({
      method: 'post',
      path: '/inventory/numbers/:number/hold',
      summary: 'Hold a free number for an order form for a few minutes (idempotent by Idempotency-Key)',
      description:
        'Give the hold id with the order as the item characteristic `numberHold` (beside `requestedNumber`): the order reserves the number and the hold is consumed. ' +
        'Unused, the hold lapses at heldUntil; DELETE releases it sooner. A number held for another form is refused (409 NUMBER_HELD), as is a taken one (409 NUMBER_TAKEN).',
      tags: ['inventory'],
      roles: ['order-entry', 'agent'],
      params: NumberParams,
      headers: HoldHeaders,
      body: HoldNumberInput,
      responses: {
        201: { description: 'the hold', schema: NumberHold },
        409: { description: 'the number is taken or held for another order form' },
        422: { description: 'the Idempotency-Key was used to hold another number' },
      },
      handler: (ctx) => h.hold(ctx),
    })
    .add({
      method: 'delete',
      path: '/inventory/numbers/:number/hold',
      summary: "Release the caller's hold on a number (204 also when it had lapsed, been consumed or released)",
      tags: ['inventory'],
      roles: ['order-entry', 'agent'],
      params: NumberParams,
      query: ReleaseHoldQuery,
      responses: { 204: { description: 'nothing of the caller is held on the number any more' } },
      handler: (ctx) => h.release(ctx),
    });
}
