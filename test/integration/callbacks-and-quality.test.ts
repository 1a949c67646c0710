// Callbacks (回访) and quality checks (抽查) as tracked work, through the API on real components. SLA
// hours pass as seconds here (SLA_TIME_SCALE 1/3600): a VIP's callback is due 2 s after the customer
// was told, an ordinary customer's after 24 s; a work order nobody answers closes after 8 s.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { workOrderWorkflowId } from '../../contracts/work-order.js';
import { departmentById } from '../../domain/departments.js';
import { replayHistory } from '../../platform/workflow-histories.js';
import { isSampled } from '../../domain/quality-checks.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';

let sys: TestSystem;
let centre: string;
let ordinary: SeededCustomer;
let vip: SeededCustomer;
const AGENT = 'agent-cb-1';
const AUTO_CLOSE_SECONDS = 8;

beforeAll(async () => {
  sys = await startTestSystem({ WORKORDER_AUTO_CLOSE_SECONDS: String(AUTO_CLOSE_SECONDS) });
  centre = sys.token({ roles: ['call-centre'], sub: AGENT, localNetworks: ['dalian'] });
  ordinary = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'");
  vip = await findCustomer(sys, "c.tier = 'vip' and c.home_local_network = 'dalian'");
});
afterAll(async () => sys?.stop());

const dept = (department: string) => sys.token({ roles: ['department'], sub: `staff-${department}`, department, localNetworks: [] });
const get = (id: string) => request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${centre}`);
const act = (id: string, token: string, event: Record<string, unknown>) =>
  request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
const callbacks = (query = 'limit=200', token = centre) => request(sys.app).get(`/callbacks?${query}`).set('authorization', `Bearer ${token}`);
const qualityChecks = (query: string, token = centre) => request(sys.app).get(`/qualityChecks?${query}`).set('authorization', `Bearer ${token}`);
const recordCheck = (id: string, body: Record<string, unknown>, token = centre) =>
  request(sys.app).post(`/troubleTicket/${id}/qualityCheck`).set('authorization', `Bearer ${token}`).send(body);

async function ok(id: string, token: string, event: Record<string, unknown>) {
  const res = await act(id, token, event);
  if (res.status !== 200) throw new Error(`${String(event.type)} → ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The id the API gives a work order taken with this Idempotency-Key by the agent (api/work-order-desk.ts). */
const idOfKey = (key: string) => `TT-${createHash('sha256').update(`${AGENT}:${key}`).digest('hex').slice(0, 24)}`;

/** A fresh Idempotency-Key whose work order is sampled at `share` (or, with `sampled` false, is not). */
function keyFor(sampled: boolean, share = 0.1): string {
  for (let i = 0; ; i++) {
    const key = `cb-${process.pid}-${Date.now()}-${i}`;
    if (isSampled(idOfKey(key), share) === sampled) return key;
  }
}

/** Takes a complaint and takes it through receipt and approval: answered once the customer was told. */
async function told(customer: SeededCustomer, key = keyFor(false)): Promise<{ id: string; department: string }> {
  const res = await takeWorkOrder(sys, centre, customer, { description: 'billed twice' }).set('idempotency-key', key);
  if (res.status !== 201) throw new Error(`take → ${res.status}: ${JSON.stringify(res.body)}`);
  const id = res.body.id as string;
  expect(id).toBe(idOfKey(key));
  const departments = (res.body.assignments as Array<{ department: string }>).map((a) => a.department);
  await answerAndApprove(id, departments);
  return { id, department: departments[0]! };
}

/** Every department holding it accepts and returns its receipt; the centre approves; answered once the customer was told. */
async function answerAndApprove(id: string, departments: string[]): Promise<void> {
  for (const department of departments) {
    await ok(id, dept(department), { type: 'accept' });
    await ok(id, dept(department), { type: 'receipt', result: 'resolved', resolutionCode: 'REFUNDED' });
  }
  await ok(id, centre, { type: 'approve' });
  await eventually(async () => ((await get(id)).body.phase === 'customerNotified' ? true : undefined), 'customer told');
}

interface CallbackEntry {
  id: string;
  phase: string;
  callbackDueBy?: string;
  overdue: boolean;
}

describe('callbacks as tracked work', () => {
  it('the callback has its deadline on GET /callbacks, soonest first, and the answer completes it', async () => {
    const slow = await told(ordinary);
    const fast = await told(vip);
    const telling = (await get(slow.id)).body;
    const toldAt = telling.timeline.find((e: { action: string }) => e.action === 'notifyCustomer').at as number;
    const opened = telling.timeline.find((e: { action: string }) => e.action === 'openCallback');
    expect(opened).toMatchObject({ actor: { role: 'system' }, at: toldAt });

    const list = (await callbacks()).body as CallbackEntry[];
    const mine = list.filter((e) => e.id === slow.id || e.id === fast.id);
    // The VIP's (2 s) before the ordinary customer's (24 s): soonest deadline first.
    expect(mine.map((e) => e.id)).toEqual([fast.id, slow.id]);
    const entry = mine.find((e) => e.id === slow.id)!;
    expect(Date.parse(entry.callbackDueBy!) - toldAt).toBe(24_000);
    expect(telling.callbacks).toEqual([{ round: 0, openedAt: toldAt, dueBy: toldAt + 24_000, state: 'open' }]);
    expect(entry.overdue).toBe(false);
    // Entries with a deadline come before those still waiting for the centre's review.
    const withoutDeadline = list.findIndex((e) => e.callbackDueBy === undefined);
    if (withoutDeadline >= 0) expect(list.slice(withoutDeadline).every((e) => e.callbackDueBy === undefined)).toBe(true);

    const closed = await ok(slow.id, centre, { type: 'recordSatisfaction', satisfied: true, score: 5 });
    expect(closed.state).toBe('closed');
    expect(closed.callbacks).toEqual([expect.objectContaining({ state: 'done', by: AGENT, round: 0 })]);
    expect(((await callbacks()).body as CallbackEntry[]).some((e) => e.id === slow.id)).toBe(false);
    // People cannot open or mark callbacks: the work order's clock does.
    expect((await act(fast.id, centre, { type: 'callbackOverdue' })).status).toBe(403);
    expect((await act(fast.id, centre, { type: 'openCallback', dueBy: Date.now() })).status).toBe(403);
  });

  it('an unanswered callback turns overdue (the call centre and its supervisor urged), and closing by itself ends it as noAnswer', async () => {
    const { id } = await told(vip);
    const overdue = await eventually(
      async () => ((await callbacks()).body as CallbackEntry[]).find((e) => e.id === id && e.overdue),
      'the callback overdue on the list',
    );
    expect(overdue.phase).toBe('customerNotified');
    const marked = await eventually(async () => {
      const s = (await get(id)).body;
      return s.timeline.some((e: { action: string }) => e.action === 'callbackOverdue') ? s : undefined;
    }, 'callbackOverdue in the timeline');
    expect(marked.callbacks[0].overdueAt).toBeGreaterThanOrEqual(marked.callbacks[0].dueBy);
    const sent = JSON.stringify(await sys.sims.control.notification.records());
    expect(sent).toContain('dalian-service-centre@dispatch');
    expect(sent).toContain(`${departmentById('dalian-service-centre')!.supervisor.id}@dispatch`);

    // Marking it overdue does not put the closing off: it closes AUTO_CLOSE_SECONDS after the telling.
    const closed = await eventually(
      async () => {
        const s = (await get(id)).body;
        return s.phase === 'closed' ? s : undefined;
      },
      'closed by itself',
      30_000,
    );
    expect(closed.closeReason).toBe('noCustomerAnswer');
    expect(closed.callbacks).toEqual([expect.objectContaining({ state: 'noAnswer', round: 0 })]);
    expect(closed.callbacks[0].endedAt - closed.callbacks[0].openedAt).toBeGreaterThanOrEqual(AUTO_CLOSE_SECONDS * 1000);
    expect(closed.callbacks[0].endedAt - closed.callbacks[0].openedAt).toBeLessThan((AUTO_CLOSE_SECONDS + 5) * 1000);

    // The overdue path (its timer, its notice) replays against the workflow code: the replay corpus's
    // work orders close by themselves before any callback falls due, so it is checked here.
    const history = await sys.client.workflow.getHandle(workOrderWorkflowId(id)).fetchHistory();
    const bundle = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
    await expect(replayHistory({ workflowBundle: { code: bundle } }, workOrderWorkflowId(id), history)).resolves.toEqual({
      id: workOrderWorkflowId(id),
      ok: true,
    });
  });
});

describe('quality checks of a sample of closed work orders', () => {
  it('a sampled closed work order is on the due list; its result is recorded once, within scope; reopened, it waits for the next close', async () => {
    const sampled = await told(ordinary, keyFor(true));
    const other = await told(ordinary, keyFor(false));
    // Due only once closed.
    expect(((await qualityChecks('state=due&limit=200')).body as Array<{ workOrderId: string }>).some((c) => c.workOrderId === sampled.id)).toBe(false);
    await ok(sampled.id, centre, { type: 'recordSatisfaction', satisfied: true });
    await ok(other.id, centre, { type: 'recordSatisfaction', satisfied: true });

    const due = await eventually(async () => {
      const res = await qualityChecks('state=due&limit=200');
      return (res.body as Array<{ workOrderId: string }>).find((c) => c.workOrderId === sampled.id) ? res : undefined;
    }, 'the sampled work order due');
    expect(Number(due.headers['x-total-count'])).toBeGreaterThanOrEqual(1);
    const entry = (due.body as Array<Record<string, unknown>>).find((c) => c.workOrderId === sampled.id)!;
    expect(entry).toMatchObject({
      state: 'due',
      localNetwork: 'dalian',
      round: 0,
      share: 0.1,
      type: 'complaint',
      closeReason: 'satisfied',
      customer: { id: ordinary.id },
    });
    expect((due.body as Array<{ workOrderId: string }>).some((c) => c.workOrderId === other.id)).toBe(false);

    // Not sampled, unknown, out of scope, malformed.
    expect((await recordCheck(other.id, { result: 'satisfied' })).status).toBe(409);
    expect((await recordCheck('TT-no-such-work-order', { result: 'satisfied' })).status).toBe(404);
    const shenyang = sys.token({ roles: ['call-centre'], sub: 'agent-sy', localNetworks: ['shenyang'] });
    expect((await recordCheck(sampled.id, { result: 'satisfied' }, shenyang)).status).toBe(403);
    expect((await qualityChecks('state=due&localNetwork=dalian', shenyang)).status).toBe(403);
    expect(((await qualityChecks('state=all&limit=200', shenyang)).body as Array<{ workOrderId: string }>).some((c) => c.workOrderId === sampled.id)).toBe(
      false,
    );
    const bad = await recordCheck(sampled.id, { result: 'happy', extra: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['result', 'extra']));
    expect((await recordCheck(sampled.id, { result: 'satisfied', note: 'x'.repeat(2001) })).status).toBe(400);
    expect(
      (
        await request(sys.app)
          .get('/qualityChecks')
          .set('authorization', `Bearer ${dept(sampled.department)}`)
      ).status,
    ).toBe(403);

    // Reopened before the check: not due, refused, until it closes again (its next round is then checked).
    await ok(sampled.id, centre, { type: 'reopen', reason: 'the refund did not arrive' });
    expect((await recordCheck(sampled.id, { result: 'satisfied' })).status).toBe(409);
    expect(((await qualityChecks('state=due&limit=200')).body as Array<{ workOrderId: string }>).some((c) => c.workOrderId === sampled.id)).toBe(false);
    const again = await eventually(async () => {
      const s = (await get(sampled.id)).body;
      return s.assignments.some((a: { state: string }) => a.state === 'dispatched') ? s : undefined;
    }, 'dispatched again');
    await answerAndApprove(
      sampled.id,
      (again.assignments as Array<{ state: string; department: string }>).filter((a) => a.state === 'dispatched').map((a) => a.department),
    );
    await ok(sampled.id, centre, { type: 'recordSatisfaction', satisfied: true });
    await eventually(async () => {
      const res = await qualityChecks('state=due&limit=200');
      return (res.body as Array<{ workOrderId: string; round: number }>).find((c) => c.workOrderId === sampled.id && c.round === 1);
    }, 'due again for round 1');

    const recorded = await recordCheck(sampled.id, { result: 'unsatisfied', note: 'refund took two weeks' });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({
      workOrderId: sampled.id,
      state: 'done',
      result: 'unsatisfied',
      note: 'refund took two weeks',
      recordedBy: AGENT,
      round: 1,
    });
    // A repeat of the same is answered as it is; another result is refused.
    expect((await recordCheck(sampled.id, { result: 'unsatisfied', note: 'refund took two weeks' })).body).toEqual(recorded.body);
    expect((await recordCheck(sampled.id, { result: 'satisfied' })).status).toBe(409);
    const done = (await qualityChecks('state=done&limit=200')).body as Array<{ workOrderId: string; result: string }>;
    expect(done.find((c) => c.workOrderId === sampled.id)).toMatchObject({ result: 'unsatisfied', state: 'done' });
    // One customer's checks (the customer on the phone).
    const ofCustomer = (await qualityChecks(`state=all&customerId=${ordinary.id}`)).body as Array<{ workOrderId: string; customer: { id: string } }>;
    expect(ofCustomer.map((c) => c.workOrderId)).toContain(sampled.id);
    expect(ofCustomer.every((c) => c.customer.id === ordinary.id)).toBe(true);
    expect(((await qualityChecks('state=due&limit=200')).body as Array<{ workOrderId: string }>).some((c) => c.workOrderId === sampled.id)).toBe(false);
  });

  it('the capital samples its own share (0.2), as data', async () => {
    const rows = (await sys.orm.em
      .fork()
      .getConnection()
      .execute(`select id, rules->'qualityCheckShare' as share from local_network where id in ('shenyang', 'dalian') order by id`)) as Array<{
      id: string;
      share: number | null;
    }>;
    expect(rows).toEqual([
      { id: 'dalian', share: null },
      { id: 'shenyang', share: 0.2 },
    ]);
  });
});
