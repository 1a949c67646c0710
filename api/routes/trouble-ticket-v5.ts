// TMF621 Trouble Ticket v5 under its published base path: the work orders' create, read, list and
// merge-patch in the specification's shape, over the same desk (and so the same scope checks) as
// the root paths. The department's side of the closed loop (accept, receipt, return, transfer) has
// no TMF words: it stays on POST /troubleTicket/{id}/event.
import type { Request } from 'express';
import { z } from 'zod';
import type { Principal } from '../../domain/access.js';
import { admitEvent, createWorkOrder, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';
import type { WorkOrderView } from '../../contracts/work-order.js';
import type { ApiDeps } from '../deps.js';
import type { ApiRoutes, Reply } from '../http.js';
import { DATA_SOURCE_HEADER } from '../live.js';
import {
  TROUBLE_TICKET_FIELDS,
  noteIdOf,
  presentTroubleTicketV5,
  statesOfStatus,
  troubleTicketStatusOf,
  type TroubleTicketStatus,
} from '../presenters/trouble-ticket-v5.js';
import { badRequest, conflict, problemOf } from '../problem.js';
import {
  CreateTroubleTicketV5,
  GetTroubleTicketV5Query,
  ListTroubleTicketsV5Query,
  PatchTroubleTicketV5,
  TroubleTicketV5,
  TroubleTicketV5IdParams,
} from '../schemas/trouble-ticket-v5.js';
import { TakeHeaders } from '../schemas/work-order.js';
import { absoluteUrl, listHeaders, selectFields, TMF621_BASE } from '../tmf.js';
import { actorOf, WORK_ORDER_ROLES, WorkOrderDesk } from '../work-order-desk.js';

type Patch = z.infer<typeof PatchTroubleTicketV5>;

class TroubleTicketV5Handlers {
  private readonly desk: WorkOrderDesk;

  constructor(private readonly deps: ApiDeps) {
    this.desk = new WorkOrderDesk(deps);
  }

  private present(req: Request, s: WorkOrderSnapshot | WorkOrderView) {
    return presentTroubleTicketV5(s, { baseUrl: absoluteUrl(req, '', this.deps.config.API_PUBLIC_URL) });
  }

  async create({
    req,
    body,
    headers,
    principal,
  }: {
    req: Request;
    body: z.infer<typeof CreateTroubleTicketV5>;
    headers: z.infer<typeof TakeHeaders>;
    principal: Principal;
  }): Promise<Reply> {
    const { customerField, ...request } = body;
    const taken = await this.desk.take(request, principal, { body, idempotencyKey: headers['idempotency-key'], customerField });
    // Workers busy: taken and acknowledged, its dispatch to follow. TMF has only 201 for a create,
    // so the ticket is shown as taken rather than answered 202 as on the root path.
    const ticket = this.present(req, taken.snapshot ?? createWorkOrder(taken.order, actorOf(principal), Date.now()));
    return { status: 201, headers: { location: ticket.href }, body: ticket };
  }

  async get({ req, params, query, principal }: { req: Request; params: { id: string }; query: z.infer<typeof GetTroubleTicketV5Query>; principal: Principal }) {
    const { s, source } = await this.desk.load(params.id, principal);
    return { headers: { [DATA_SOURCE_HEADER]: source }, body: selectFields(this.present(req, s), query.fields, TROUBLE_TICKET_FIELDS) };
  }

  async list({ req, query, principal }: { req: Request; query: z.infer<typeof ListTroubleTicketsV5Query>; principal: Principal }): Promise<Reply> {
    const { fields, status, ticketType, 'relatedParty.id': customerId, ...rest } = query;
    const { rows, total } = await this.desk.search({ ...rest, customerId, type: ticketType, ...(status ? { states: statesOfStatus(status) } : {}) }, principal);
    return {
      headers: listHeaders(total, rows.length),
      body: rows.map((r) => selectFields(this.present(req, r.snapshot), fields, TROUBLE_TICKET_FIELDS)),
    };
  }

  /**
   * Merge-patch of status, priority and notes, as the closed loop's own events. All of them are
   * judged first on the ticket as loaded, so a refused change leaves nothing half done; then each
   * is sent as its own action (the work order judges it again).
   */
  async patch({ req, params, body, principal }: { req: Request; params: { id: string }; body: Patch; principal: Principal }): Promise<Reply> {
    const { s } = await this.desk.load(params.id, principal);
    const events = eventsOfPatch(s, body);
    const actor = actorOf(principal);
    let judged: WorkOrderSnapshot = s;
    for (const event of events) {
      const r = admitEvent(judged, event, actor, Math.max(Date.now(), judged.updatedAt));
      if (!r.ok) throw problemOf(r.code, r.message);
      judged = r.next;
    }
    let after: WorkOrderSnapshot = s;
    for (const event of events) after = await this.desk.send(params.id, event, principal);
    return { body: this.present(req, after) };
  }
}

/** The events a merge-patch stands for, in order: priority, new notes, then the status change. */
function eventsOfPatch(s: WorkOrderSnapshot, patch: Patch): WorkOrderEvent[] {
  const events: WorkOrderEvent[] = [];
  if (patch.priority && patch.priority !== s.priority) events.push({ type: 'reprioritize', priority: patch.priority });
  const known = s.timeline.flatMap((e, i) => (e.action === 'note' ? [{ id: noteIdOf(e, i), text: e.details?.text }] : []));
  patch.note?.forEach((n, i) => {
    const same = known.find((k) => (n.id !== undefined ? k.id === n.id : k.text === n.text));
    if (same) {
      if (n.text !== undefined && n.text !== same.text) invalid(`note[${i}].text`, `note ${same.id} is on the ticket already; notes are not rewritten`);
      return;
    }
    if (n.text === undefined) invalid(`note[${i}].text`, 'a new note needs its text');
    known.push({ id: n.id ?? '', text: n.text });
    events.push({ type: 'note', text: n.text, ...(n.id ? { noteId: n.id } : {}), ...(n.author ? { author: n.author } : {}) });
  });
  if (patch.statusChangeReason !== undefined && patch.status === undefined) invalid('statusChangeReason', 'goes with a status');
  if (patch.status && patch.status !== troubleTicketStatusOf(s)) events.push(...statusEvents(s, patch.status, patch.statusChangeReason));
  return events;
}

/**
 * A status a client asks for, as the closed loop's events: resolved is the centre's approval of
 * the departments' receipts, closed the customer's satisfaction, inProgress the customer's answer
 * while pending or a reopen once resolved (the customer not satisfied) or closed.
 */
function statusEvents(s: WorkOrderSnapshot, status: TroubleTicketStatus, reason: string | undefined): WorkOrderEvent[] {
  const because = () => reason ?? invalid('statusChangeReason', `needed to make a ticket ${status}`);
  switch (status) {
    case 'resolved':
      return [{ type: 'approve', ...(reason ? { notes: reason } : {}) }];
    case 'closed':
      return [{ type: 'recordSatisfaction', satisfied: true, ...(reason ? { comment: reason } : {}) }];
    case 'cancelled':
      return [{ type: 'cancel', reason: because() }];
    case 'rejected':
      return [{ type: 'reject', reason: because() }];
    case 'pending':
      return [{ type: 'waitOnCustomer', reason: because() }];
    case 'inProgress':
      if (s.phase === 'pending') return [{ type: 'customerResponded', ...(reason ? { notes: reason } : {}) }];
      if (s.phase === 'customerNotified')
        return [
          { type: 'recordSatisfaction', satisfied: false, comment: because() },
          { type: 'reopen', reason: because() },
        ];
      if (s.phase === 'unsatisfied' || s.phase === 'closed') return [{ type: 'reopen', reason: because() }];
      throw conflict(`trouble ticket ${s.id} is ${troubleTicketStatusOf(s)}: it goes inProgress when a department takes it up`);
    default:
      return invalid('status', `${status} is set by the ticket system; a client may ask for resolved, closed, inProgress, pending, cancelled or rejected`);
  }
}

/** A 400 naming the field. */
function invalid(field: string, message: string): never {
  throw badRequest('The request body is not valid', [{ field, message, code: 'invalid_value' }]);
}

export function registerTroubleTicketV5Routes(routes: ApiRoutes, deps: ApiDeps): void {
  const h = new TroubleTicketV5Handlers(deps);
  const tags = ['TMF621 trouble tickets'];
  routes
    .add({
      method: 'post',
      path: `${TMF621_BASE}/troubleTicket`,
      summary: 'Create a trouble ticket (TroubleTicket_FVO); it is classified and dispatched by the routing rules',
      description:
        'The service line and the local network where it was taken go in troubleTicketCharacteristic (serviceLine, takenInLocalNetwork); relatedParty names the customer (and a reporter); relatedEntity the ProductOrder or Product concerned.',
      tags,
      roles: [...WORK_ORDER_ROLES.take],
      headers: TakeHeaders,
      body: CreateTroubleTicketV5,
      responses: {
        201: { description: 'created (Location: its absolute href)', schema: TroubleTicketV5 },
        422: { description: 'the Idempotency-Key was used for a different request' },
      },
      handler: (ctx) => h.create(ctx),
    })
    .add({
      method: 'get',
      path: `${TMF621_BASE}/troubleTicket/:id`,
      summary: 'A trouble ticket (fields selects first-level attributes)',
      tags,
      roles: [...WORK_ORDER_ROLES.read],
      params: TroubleTicketV5IdParams,
      query: GetTroubleTicketV5Query,
      responses: { 200: { description: 'the trouble ticket', schema: TroubleTicketV5 }, 404: { description: 'no such trouble ticket' } },
      handler: (ctx) => h.get(ctx),
    })
    .add({
      method: 'get',
      path: `${TMF621_BASE}/troubleTicket`,
      summary: 'List trouble tickets, newest first (filters: status, ticketType, priority, severity)',
      tags,
      roles: [...WORK_ORDER_ROLES.read],
      query: ListTroubleTicketsV5Query,
      responses: { 200: { description: 'a page; X-Total-Count has all that match, X-Result-Count this page', schema: z.array(TroubleTicketV5) } },
      handler: (ctx) => h.list(ctx),
    })
    .add({
      method: 'patch',
      path: `${TMF621_BASE}/troubleTicket/:id`,
      summary: 'Change status, priority or notes (application/merge-patch+json, TroubleTicket_MVO)',
      // JSON Patch (the other PATCH format TMF630 names) is not taken: 415, not a confusing 400.
      bodyTypes: ['application/merge-patch+json', 'application/json'],
      description:
        "status resolved approves the departments' receipts, closed records the customer satisfied, inProgress answers for the customer while pending or reopens a resolved or closed ticket (statusChangeReason needed), pending waits on the customer, cancelled cancels. 409 in a wrong state.",
      tags,
      roles: [...WORK_ORDER_ROLES.act],
      params: TroubleTicketV5IdParams,
      body: PatchTroubleTicketV5,
      responses: { 200: { description: 'the trouble ticket after the change', schema: TroubleTicketV5 }, 409: { description: 'wrong state' } },
      handler: (ctx) => h.patch(ctx),
    });
}
