// Quality checks (抽查): the call centre's worklist of sampled closed work orders to call again, and
// recording a check's result. The sample and the checks live in the read model (domain and
// db/quality-checks.ts): the work order's workflow is not involved, it may well have ended.
import { z } from 'zod';
import { inLocalNetworkScope, localNetworkFilter, type Principal } from '../../domain/access.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { QUALITY_CHECK_RESULTS, QUALITY_CHECK_STATES } from '../../domain/quality-checks.js';
import { MAX_TEXT, visibleToLocalNetworks } from '../../domain/work-order.js';
import { findQualityCheck, listQualityChecks, recordQualityCheck, type QualityCheckListRow, type QualityCheckRow } from '../../db/quality-checks.js';
import { findWorkOrder } from '../../db/work-orders.js';
import { isoOf } from '../../db/time.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { conflict, forbidden, notFound } from '../problem.js';
import { TroubleTicketIdParams, id } from '../schemas/work-order.js';
import { actorOf } from '../work-order-desk.js';

const QualityChecksQuery = z.object({
  state: z.enum(QUALITY_CHECK_STATES).default('due').describe('due: to call (oldest close first); done: recorded (latest first); all'),
  localNetwork: z.enum(LOCAL_NETWORK_IDS).optional().describe('One local network of the caller’s (handling or taking); 403 outside the scope'),
  customerId: id.optional().describe("One customer's checks (the customer on the phone)"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const QualityCheckInput = z
  .strictObject({
    result: z.enum(QUALITY_CHECK_RESULTS).describe('What the customer said on the check call, or unreachable'),
    note: z.string().trim().min(1).max(MAX_TEXT).optional(),
  })
  .meta({ id: 'QualityCheckInput' });

const QualityCheck = z
  .object({
    workOrderId: z.string(),
    state: z.enum(['due', 'done', 'reopened']).describe('reopened: the work order was reopened before the check; it is due again once it closes'),
    localNetwork: z.string().describe('The handling local network, whose share sampled it'),
    takenInLocalNetwork: z.string(),
    round: z.number().int().describe('The round of the closed loop whose close was sampled'),
    share: z.number().describe('The local network’s share when it was sampled'),
    sampledAt: z.string().describe('When the work order closed'),
    result: z.enum(QUALITY_CHECK_RESULTS).optional(),
    note: z.string().optional(),
    recordedBy: z.string().optional(),
    recordedAt: z.string().optional(),
  })
  .meta({ id: 'QualityCheck' });

const QualityCheckEntry = QualityCheck.extend({
  type: z.string(),
  closeReason: z.string().optional(),
  customer: z.object({ id: z.string(), name: z.string().optional(), tier: z.string() }),
  summary: z.string().describe("The description's beginning"),
}).meta({ id: 'QualityCheckEntry' });

const presentCheck = (r: QualityCheckRow, phase: string) => ({
  workOrderId: r.work_order_id,
  state: r.result ? ('done' as const) : phase === 'closed' ? ('due' as const) : ('reopened' as const),
  localNetwork: r.local_network,
  takenInLocalNetwork: r.taken_in_local_network,
  round: r.round,
  share: Number(r.share),
  sampledAt: isoOf(r.sampled_at)!,
  ...(r.result ? { result: r.result } : {}),
  ...(r.note ? { note: r.note } : {}),
  ...(r.recorded_by ? { recordedBy: r.recorded_by } : {}),
  ...(r.recorded_at ? { recordedAt: isoOf(r.recorded_at) } : {}),
});

const presentEntry = (r: QualityCheckListRow) => ({
  ...presentCheck(r, r.phase),
  type: r.type,
  ...(r.close_reason ? { closeReason: r.close_reason } : {}),
  customer: { id: r.customer_id, ...(r.customer_name ? { name: r.customer_name } : {}), tier: r.customer_tier },
  summary: r.summary ?? '',
});

const mayAct = (p: Principal, networks: readonly string[]) => networks.some((n) => inLocalNetworkScope(p, n));

export function registerQualityCheckRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const em = () => deps.orm.em.fork();
  routes
    .add({
      method: 'get',
      path: '/qualityChecks',
      summary: 'Quality checks (抽查): sampled closed work orders to call again (due), or those recorded (done)',
      description:
        'A share of the closed work orders of each local network (its rules’ qualityCheckShare; 0.1 unless set) is sampled by the work order’s id. ' +
        'In the caller’s local networks (handling or taking). X-Total-Count has the total.',
      tags: ['work orders'],
      roles: ['call-centre', 'supervisor', 'auditor'],
      query: QualityChecksQuery,
      responses: { 200: { description: 'a page of quality checks', schema: z.array(QualityCheckEntry) } },
      handler: async ({ query, principal }) => {
        if (query.localNetwork && !inLocalNetworkScope(principal, query.localNetwork)) throw forbidden(`not allowed to see ${query.localNetwork}`);
        const { rows, total } = await listQualityChecks(em(), { ...query, localNetworks: localNetworkFilter(principal) });
        return { headers: { 'x-total-count': String(total) }, body: rows.map(presentEntry) };
      },
    })
    .add({
      method: 'post',
      path: '/troubleTicket/:id/qualityCheck',
      summary: 'Record the result of a sampled work order’s quality check (satisfied, unsatisfied or unreachable), once',
      description:
        '409 when the work order was not sampled, is not closed (reopened meanwhile), or its check was already recorded with another result; ' +
        'a repeat of the recorded result and note answers the check as it is (safe to retry). An unsatisfied customer is for the centre to act on (a reopen, within its window).',
      tags: ['work orders'],
      roles: ['call-centre', 'supervisor'],
      params: TroubleTicketIdParams,
      body: QualityCheckInput,
      responses: {
        200: { description: 'the check as recorded', schema: QualityCheck },
        404: { description: 'no such work order' },
        409: { description: 'not sampled, not closed, or already recorded' },
      },
      handler: async ({ params, body, principal }) => {
        const workOrder = await findWorkOrder(em(), params.id);
        if (!workOrder) throw notFound(`no work order ${params.id}`);
        if (!mayAct(principal, visibleToLocalNetworks(workOrder.snapshot))) throw forbidden(`work order ${params.id} is not of your local networks`);
        const actor = actorOf(principal);
        const recorded = await recordQualityCheck(em(), { workOrderId: params.id, result: body.result, note: body.note, by: actor.id, role: actor.role });
        if (recorded) return { body: presentCheck(recorded, 'closed') };
        const check = await findQualityCheck(em(), params.id);
        if (!check) throw conflict(`work order ${params.id} was not sampled for a quality check`);
        if (check.result === null) throw conflict(`work order ${params.id} is ${workOrder.phase}: its quality check is due once it is closed again`);
        if (check.result === body.result && (check.note ?? undefined) === body.note && check.recorded_by === actor.id) {
          return { body: presentCheck(check, workOrder.phase) };
        }
        throw conflict(`the quality check of work order ${params.id} was already recorded (${check.result}) by ${check.recorded_by}`);
      },
    });
}
