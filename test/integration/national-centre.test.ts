// The national centre's queue on real components (issue 15, point 5; seeds/004 2.1): a complaint about a
// national service is dispatched straight to the national centre under its SLA, and shows on its desk's
// worklist and on the board; the province centre hands a complaint it holds over for coordination — the
// national centre takes it with its own SLA window, whose timer urges it, and the province follows it and
// is told of each national step (counted in the notification simulator's records and the timeline);
// refusals as problem+json: a city supervisor (403), a second hand-over and a closed work order (409),
// a national service on another type (400). An SLA hour lasts 2 s here (SLA_TIME_SCALE 1/1800).
// The work orders are Tieling's, a local network the other test files hardly use.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';

const LN = 'tieling';
const NATIONAL = 'national-service-centre';
const PROVINCE = 'liaoning-service-centre';
const HOUR_MS = 2_000;
const mailbox = (department: string) => `${department}@dispatch.telecom.example`;

interface Message {
  to: string;
  template: string;
  params: Record<string, unknown>;
}
interface Ticket {
  id: string;
  phase: string;
  state: string;
  escalationLevel: string;
  assignees: string[];
  assignments: Array<{ department: string; state: string; handedOverBy?: string }>;
  deadlines: { acceptBy?: string; resolveBy?: string };
  sla: { policy: { id: string; acceptWithinMs: number }; startedAt: number };
  handOver?: { from: string; to: string; by: string; at: number; round: number };
  timeline: Array<{ action: string; at: number; actor: { id: string; role: string; department?: string }; details?: Record<string, unknown>; state?: string }>;
  allowedActions?: string[];
}

let sys: TestSystem;
let customer: SeededCustomer;
let centre: string;
let citySup: string;
let provinceSup: string;
let nationalSup: string;
let nationalDesk: string;
let billing: string;
let otherCitySup: string;

beforeAll(async () => {
  sys = await startTestSystem({ SLA_TIME_SCALE: String(1 / 1800) });
  customer = await findCustomer(sys, `c.kind = 'individual' and c.home_local_network = '${LN}' and c.tier = 'ordinary'`);
  centre = sys.token({ roles: ['call-centre'], sub: 'nc-agent', localNetworks: [LN] });
  citySup = sys.token({ roles: ['supervisor'], sub: 'nc-sup-city', localNetworks: [LN], department: `${LN}-service-centre`, level: 'city' });
  otherCitySup = sys.token({ roles: ['supervisor'], sub: 'nc-sup-dalian', localNetworks: ['dalian'], department: 'dalian-service-centre', level: 'city' });
  // The province centre's supervisor with no local network listed: it follows what it handed over all the same.
  provinceSup = sys.token({ roles: ['supervisor'], sub: 'nc-sup-province', localNetworks: [], department: PROVINCE, level: 'province' });
  // The national centre's supervisor, no local network listed: the national level watches them all.
  nationalSup = sys.token({ roles: ['supervisor'], sub: 'nc-sup-national', localNetworks: [], department: NATIONAL, level: 'national' });
  nationalDesk = sys.token({ roles: ['department'], sub: 'nc-national-staff', department: NATIONAL, localNetworks: [] });
  billing = sys.token({ roles: ['department'], sub: 'nc-billing-staff', department: `${LN}-billing-service`, localNetworks: [] });
}, 120_000);
afterAll(async () => sys?.stop());

const get = async (id: string, token = centre) => {
  const res = await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${token}`);
  expect(res.status).toBe(200);
  return res.body as Ticket;
};
const act = (token: string, id: string, event: Record<string, unknown>) =>
  request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
const ok = async (token: string, id: string, event: Record<string, unknown>) => {
  const res = await act(token, id, event);
  expect([event.type, res.status, res.status === 200 ? '' : res.body.detail]).toEqual([event.type, 200, '']);
  return res.body as Ticket;
};
const worklist = async (token: string, department: string, query: Record<string, string> = {}) => {
  const res = await request(sys.app)
    .get(`/department/${department}/worklist`)
    .query({ limit: 200, ...query })
    .set('authorization', `Bearer ${token}`);
  return res;
};
const messages = async (workOrderId: string) => {
  const records = (await sys.sims.control.notification.records()) as { views: { messages?: Message[] } };
  return (records.views.messages ?? []).filter((m) => m.params.workOrderId === workOrderId);
};
const expectProblem = (res: request.Response, status: number) => {
  expect([res.status, res.body.detail]).toEqual([status, expect.any(String)]);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
};

/** A roaming-charges complaint of the Tieling customer, at the city level with billing service. */
async function billingComplaint(description: string): Promise<Ticket> {
  const res = await takeWorkOrder(sys, centre, customer, { category: 'billing-dispute.charges.roaming', description });
  expect(res.status).toBe(201);
  expect(res.body.assignees).toEqual([`${LN}-billing-service`]);
  return res.body as Ticket;
}

/** Accepted by billing service and escalated to the province by the city supervisor. */
async function atProvince(description: string): Promise<Ticket> {
  const wo = await billingComplaint(description);
  await ok(billing, wo.id, { type: 'accept' });
  const escalated = await ok(citySup, wo.id, { type: 'escalate', reason: 'the customer asks for the province' });
  expect(escalated.escalationLevel).toBe('province');
  return escalated;
}

describe('a complaint about a national service', () => {
  let id: string;

  it('is dispatched straight to the national centre, under its SLA, and the national centre is told', async () => {
    const res = await takeWorkOrder(sys, centre, customer, {
      category: 'service-attitude.call-centre',
      nationalService: 'hotline',
      description: 'the national hotline kept me waiting 40 minutes, then hung up',
    });
    expect(res.status).toBe(201);
    const wo = res.body as Ticket;
    id = wo.id;
    expect(wo.assignees).toEqual([NATIONAL]);
    expect(wo.timeline.find((e) => e.action === 'dispatch')?.details).toMatchObject({ ruleId: 'national-service-complaint', departments: [NATIONAL] });
    expect(wo.sla.policy.id).toBe('national-complaint/complaint/ordinary');
    // 4 business hours to accept, counted in real time when scaled: 8 s from the dispatch.
    expect(Date.parse(wo.deadlines.acceptBy!) - wo.sla.startedAt).toBe(4 * HOUR_MS);
    await eventually(
      async () => ((await messages(id)).some((m) => m.to === mailbox(NATIONAL) && m.template === 'workOrder.dispatch') ? true : undefined),
      'the dispatch to the national centre',
    );
  });

  it("is on the national centre's worklist (not among the handed-over cases) and on the national board", async () => {
    const own = await eventually(async () => {
      const res = await worklist(nationalDesk, NATIONAL);
      expect(res.status).toBe(200);
      return (res.body as Array<{ workOrderId: string; handOver: boolean }>).find((e) => e.workOrderId === id);
    }, 'on the national worklist');
    expect(own.handOver).toBe(false);
    const handedOver = await worklist(nationalDesk, NATIONAL, { handOver: 'true' });
    expect((handedOver.body as Array<{ workOrderId: string }>).map((e) => e.workOrderId)).not.toContain(id);
    const board = await request(sys.app).get('/supervision/worklist').query({ department: NATIONAL, limit: 200 }).set('authorization', `Bearer ${nationalSup}`);
    expect(board.status).toBe(200);
    expect((board.body as Array<{ workOrderId: string }>).map((e) => e.workOrderId)).toContain(id);
    const watched = await worklist(nationalSup, NATIONAL);
    expect(watched.status).toBe(200);
    expect((watched.body as Array<{ workOrderId: string }>).map((e) => e.workOrderId)).toContain(id);
  });

  it("keeps the national queue in scope: other departments' staff are refused, other cities see only theirs", async () => {
    expectProblem(await worklist(billing, NATIONAL), 403);
    const dalian = await worklist(otherCitySup, NATIONAL);
    expect(dalian.status).toBe(200);
    expect((dalian.body as Array<{ workOrderId: string }>).map((e) => e.workOrderId)).not.toContain(id);
    expectProblem(await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${otherCitySup}`), 403);
    // The national centre's supervisor sees it; its staff act on it.
    expect((await get(id, nationalSup)).assignees).toEqual([NATIONAL]);
    await ok(nationalDesk, id, { type: 'accept' });
    const done = await ok(nationalDesk, id, {
      type: 'receipt',
      result: 'resolved',
      resolutionCode: 'SEAT_COACHED',
      notes: 'the seat was coached; apology given',
    });
    expect(done.phase).toBe('receiptReturned');
  });

  it('is refused, 400 naming the field, on another type or with an unknown service', async () => {
    for (const body of [
      { type: 'inquiry', nationalService: 'roaming' },
      { nationalService: 'satellite', category: 'service-attitude.call-centre' },
    ]) {
      const res = await takeWorkOrder(sys, centre, customer, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.stringify(res.body)).toContain('nationalService');
    }
  });
});

describe("the province centre's hand-over for coordination", () => {
  let wo: Ticket;
  let handed: Ticket;

  beforeAll(async () => {
    wo = await atProvince('roamed in another province and was charged twice; their operator must refund');
  });

  it('is refused to a city supervisor (403), and the desk offers it to the province only', async () => {
    expectProblem(await act(citySup, wo.id, { type: 'handOver', reason: 'please' }), 403);
    expect((await get(wo.id, citySup)).allowedActions).not.toContain('handOver');
    expect((await get(wo.id, provinceSup)).allowedActions).toContain('handOver');
  });

  it('gives the national centre the case with its own SLA window, and tells it', async () => {
    handed = await ok(provinceSup, wo.id, { type: 'handOver', reason: 'the other province’s operator must refund: headquarters to coordinate' });
    expect(handed.escalationLevel).toBe('national');
    expect(handed.assignees.sort()).toEqual([`${LN}-billing-service`, NATIONAL].sort());
    expect(handed.assignments.find((a) => a.department === NATIONAL)).toMatchObject({ state: 'dispatched', handedOverBy: PROVINCE });
    expect(handed.handOver).toMatchObject({ from: PROVINCE, to: NATIONAL, by: 'nc-sup-province', round: 0 });
    expect(handed.sla.policy.id).toBe('national-coordination/complaint/ordinary');
    // Its window starts at the hand-over: 9 business hours to accept (18 s here), not the complaint's 4.
    expect(handed.sla.startedAt).toBe(handed.handOver!.at);
    expect(Date.parse(handed.deadlines.acceptBy!) - handed.handOver!.at).toBe(9 * HOUR_MS);
    expect(handed.timeline.at(-1)).toMatchObject({ action: 'handOver', actor: { id: 'nc-sup-province' }, details: { from: PROVINCE, to: NATIONAL } });
    await eventually(
      async () => ((await messages(wo.id)).some((m) => m.to === mailbox(NATIONAL) && m.template === 'workOrder.handOver') ? true : undefined),
      'the national centre told of the hand-over',
    );
  });

  it('is refused a second time (409)', async () => {
    expectProblem(await act(provinceSup, wo.id, { type: 'handOver', reason: 'again' }), 409);
  });

  it("is on the national centre's coordination queue and the board's hand-over filter", async () => {
    const entry = await eventually(async () => {
      const res = await worklist(nationalDesk, NATIONAL, { handOver: 'true' });
      expect(res.status).toBe(200);
      return (res.body as Array<{ workOrderId: string; handOver: boolean; deadline: string }>).find((e) => e.workOrderId === wo.id);
    }, 'on the coordination queue');
    expect(entry.handOver).toBe(true);
    expect(entry.deadline).toBe(handed.deadlines.acceptBy);
    const notHanded = await worklist(nationalDesk, NATIONAL, { handOver: 'false' });
    expect((notHanded.body as Array<{ workOrderId: string }>).map((e) => e.workOrderId)).not.toContain(wo.id);
    const board = async (handOver: string) =>
      (
        (await request(sys.app).get('/supervision/worklist').query({ handOver, limit: 200 }).set('authorization', `Bearer ${nationalSup}`)).body as Array<{
          workOrderId: string;
          department: string;
        }>
      ).filter((e) => e.workOrderId === wo.id);
    expect((await board('true')).map((e) => e.department)).toEqual([NATIONAL]);
    expect((await board('false')).map((e) => e.department)).toEqual([`${LN}-billing-service`]);
  });

  it('urges the national centre by its own window when it does not accept in time', async () => {
    // The coordination window's accept urge mark: 80 % of its 9 hours, 14.4 s after the hand-over.
    const urged = await eventually(
      async () => {
        const s = await get(wo.id);
        return s.timeline.find((e) => e.action === 'urge' && e.details?.mark === 'accept:urge');
      },
      "the coordination window's urge",
      40_000,
    );
    expect(urged.at - handed.handOver!.at).toBeGreaterThanOrEqual(0.8 * 9 * HOUR_MS);
    await eventually(
      async () => ((await messages(wo.id)).some((m) => m.to === mailbox(NATIONAL) && m.template === 'workOrder.urge') ? true : undefined),
      'the national centre urged',
    );
  }, 60_000);

  it('lets the province follow it, and tells it of each national step and of the end', async () => {
    await ok(nationalDesk, wo.id, { type: 'accept' });
    await ok(nationalDesk, wo.id, { type: 'note', text: 'the other operator agreed to refund' });
    await ok(billing, wo.id, { type: 'receipt', result: 'resolved', resolutionCode: 'CHARGES_CHECKED' });
    await ok(nationalDesk, wo.id, { type: 'receipt', result: 'resolved', resolutionCode: 'REFUNDED', notes: 'refund of 38 yuan by the roamed operator' });
    await ok(centre, wo.id, { type: 'approve', notes: 'refund confirmed' });
    await eventually(async () => ((await get(wo.id)).phase === 'customerNotified' ? true : undefined), 'the customer told');
    const closed = await ok(centre, wo.id, { type: 'recordSatisfaction', satisfied: true, score: 4 });
    expect(closed.state).toBe('closed');

    // The province's read view, with no local network of its own listed.
    const seen = await get(wo.id, provinceSup);
    const after = seen.timeline.slice(seen.timeline.findIndex((e) => e.action === 'handOver') + 1);
    const nationalSteps = after.filter((e) => e.actor.department === NATIONAL).map((e) => e.action);
    expect(nationalSteps).toEqual(['accept', 'note', 'receipt']);
    // One notice to the province for each national step and one for the close: four, once each.
    const informed = await eventually(async () => {
      const m = (await messages(wo.id)).filter((x) => x.to === mailbox(PROVINCE) && x.template === 'workOrder.inform');
      return m.length >= 4 ? m : undefined;
    }, 'the province told of four steps');
    await new Promise((r) => setTimeout(r, 500));
    const final = (await messages(wo.id)).filter((x) => x.to === mailbox(PROVINCE) && x.template === 'workOrder.inform');
    expect(final).toHaveLength(4);
    expect(informed.map((m) => String(m.params.text))).toEqual([
      expect.stringMatching(/accept by the national centre/),
      expect.stringMatching(/note by the national centre/),
      expect.stringMatching(/receipt by the national centre/),
      expect.stringMatching(/recordSatisfaction by agent \(now closed\)/),
    ]);
    // The city department's receipt is not the national centre's: the province is not told of it.
    expect(informed.some((m) => String(m.params.text).includes('department'))).toBe(false);
  }, 60_000);

  it('is refused on a closed work order (409)', async () => {
    const other = await atProvince('charged for a roaming call never made');
    await ok(billing, other.id, { type: 'receipt', result: 'resolved', resolutionCode: 'CREDITED' });
    await ok(centre, other.id, { type: 'approve' });
    await eventually(async () => ((await get(other.id)).phase === 'customerNotified' ? true : undefined), 'the customer told');
    await ok(centre, other.id, { type: 'recordSatisfaction', satisfied: true });
    expectProblem(await act(provinceSup, other.id, { type: 'handOver', reason: 'too late' }), 409);
  });
});
