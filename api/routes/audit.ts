// Audit trails: an order's or a work order's workflow history as business events, for auditors.
import { z } from 'zod';
import { inLocalNetworkScope, type Principal } from '../../domain/access.js';
import { canSeeWorkOrder } from '../../domain/work-order-access.js';
import { findOrder } from '../../db/orders.js';
import { findWorkOrder } from '../../db/work-orders.js';
import { auditTrailOf, type AuditActor } from '../audit-trail.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes } from '../http.js';
import { forbidden, notFound } from '../problem.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { workOrderWorkflowId } from '../../contracts/work-order.js';

const id = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only');

const AuditTrail = z
  .object({
    workflowId: z.string(),
    runId: z.string().optional(),
    workflowType: z.string().optional(),
    status: z.string(),
    historyEvents: z.number().int(),
    events: z.array(
      z.object({
        eventId: z.number().int().describe('The history event it comes from'),
        at: z.string(),
        who: z.object({ id: z.string(), role: z.string().optional(), department: z.string().optional() }),
        what: z.string(),
        result: z.string().optional(),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
  })
  .meta({ id: 'AuditTrail' });

export function registerAuditRoutes(routes: ApiRoutes, deps: ApiDeps): void {
  const em = () => deps.orm.em.fork();

  /** The latest run's history told as business events; 404 when the engine has no such workflow. */
  const trail = async (workflowId: string, startedBy?: AuditActor) => {
    const handle = deps.client.workflow.getHandle(workflowId);
    const info = await handle.describe().catch(() => undefined);
    if (!info) throw notFound(`no workflow history for ${workflowId}`);
    const history = await deps.client.workflow.getHandle(workflowId, info.runId).fetchHistory();
    return auditTrailOf(history, { workflowId, runId: info.runId, startedBy });
  };

  const scoped = (p: Principal, networks: string[], what: string) => {
    if (!networks.some((ln) => inLocalNetworkScope(p, ln))) throw forbidden(`not allowed to audit ${what}`);
  };

  routes.add({
    method: 'get',
    path: '/productOrder/:id/auditTrail',
    summary: "An order's audit trail: who did what, when, with which result, read from its workflow history",
    tags: ['audit'],
    roles: ['auditor'],
    params: z.object({ id }),
    responses: { 200: { description: 'the audit trail', schema: AuditTrail }, 404: { description: 'no such order' } },
    handler: async ({ params, principal }) => {
      const row = await findOrder(em(), params.id);
      if (!row) throw notFound(`no order ${params.id}`);
      scoped(principal, [row.local_network], `order ${params.id}`);
      const by: AuditActor = { id: row.created_by, role: row.agent_id ? 'agent' : 'order-entry' };
      return { body: await trail(orderWorkflowId(params.id), by) };
    },
  });

  routes.add({
    method: 'get',
    path: '/troubleTicket/:id/auditTrail',
    summary: "A work order's audit trail: who did what, when, with which result, read from its workflow history",
    tags: ['audit'],
    roles: ['auditor'],
    params: z.object({ id }),
    responses: { 200: { description: 'the audit trail', schema: AuditTrail }, 404: { description: 'no such work order' } },
    handler: async ({ params, principal }) => {
      const row = await findWorkOrder(em(), params.id);
      // The same rule as reading the work order itself (GET /troubleTicket/{id}).
      if (row) {
        if (!canSeeWorkOrder(principal, row.snapshot)) throw forbidden(`not allowed to audit work order ${params.id}`);
      }
      // Not in the read model yet: only an auditor of every local network may read it from the engine.
      else if (principal.localNetworks !== '*' && !principal.roles.includes('admin')) throw notFound(`no work order ${params.id}`);
      return { body: await trail(workOrderWorkflowId(params.id)) };
    },
  });
}
