// The auditor's API on the real stack: find an order or a work order (GET /audit/search) by each
// criterion and only in the auditor's local networks; download its workflow history
// (…/history), which is what `npm run audit:replay` reads — replayed here with the same function,
// and a tampered copy caught; and the server's own replay against the deployed code
// (POST /audit/replay): ok for real histories, the nondeterminism named for a run made by other code,
// bounded per process (429 when queued up, 503 past the time limit).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { Worker } from '@temporalio/worker';
import { defaultPayloadConverter } from '@temporalio/common';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { findCustomer, freshMobile, orderBody, placeOrder, settledOrder, takeWorkOrder, waitFor, type SeededCustomer } from '../../harness/fixtures.js';
import { orderWorkflowId } from '../../contracts/order-fulfilment.js';
import { workOrderWorkflowId } from '../../contracts/work-order.js';
import { historyFileText, readHistoryFiles, replayHistories, type ReplayOutcome } from '../../scripts/audit/histories.js';
import { bundleWorkflows } from '../../platform/workflow-bundle.js';
import { replayAgainstDeployedCode } from '../../api/audit-replay.js';
import { createLogger } from '../../platform/logger.js';
import { connectWorker } from '../../platform/temporal.js';
import { ProblemError } from '../../api/problem.js';

let sys: TestSystem;
let customer: SeededCustomer;
let orderId: string;
let workOrderId: string;
let before: string;
let dir: string;

const auditor = (localNetworks: '*' | string[] = ['dalian']) => sys.token({ roles: ['auditor'], sub: `auditor-${randomUUID().slice(0, 6)}`, localNetworks });
const get = (path: string, token = auditor()) => request(sys.app).get(path).set('authorization', `Bearer ${token}`);
const replay = (body: unknown, token = auditor()) =>
  request(sys.app)
    .post('/audit/replay')
    .set('authorization', `Bearer ${token}`)
    .send(body as object);
const ids = (res: request.Response) => (res.body as Array<{ id: string }>).map((h) => h.id);

beforeAll(async () => {
  sys = await startTestSystem();
  customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 5);
  dir = mkdtempSync(join(tmpdir(), 'audit-view-'));
  before = new Date(Date.now() - 2_000).toISOString();
  const placed = await placeOrder(
    sys,
    orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
    sys.token({ roles: ['order-entry'], sub: 'clerk-audit', localNetworks: ['dalian'] }),
  );
  expect(placed.status).toBe(201);
  orderId = placed.body.id;
  expect((await settledOrder(sys, orderId)).state).toBe('completed');
  const taken = await takeWorkOrder(sys, sys.token({ roles: ['call-centre'], sub: 'agent-audit', localNetworks: ['dalian'] }), customer);
  expect(taken.status).toBe(201);
  workOrderId = taken.body.id;
  // In the read model (the search reads it) once the workflow recorded it.
  await waitFor('the work order in the read model', async () => (await get(`/audit/search?kind=workOrder&id=${workOrderId}`)).body.length === 1);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await sys?.stop();
});

describe('GET /audit/search', () => {
  it('finds an order by its id, or the id’s beginning, with the total in X-Total-Count', async () => {
    const exact = await get(`/audit/search?kind=order&id=${orderId}`);
    expect(exact.status).toBe(200);
    expect(exact.headers['x-total-count']).toBe('1');
    expect(exact.body).toEqual([
      expect.objectContaining({
        kind: 'order',
        id: orderId,
        workflowId: orderWorkflowId(orderId),
        customerId: customer.id,
        localNetwork: 'dalian',
        state: 'completed',
      }),
    ]);
    const prefix = orderId.slice(0, orderId.length - 3);
    const page = await get(`/audit/search?id=${prefix}&limit=100`);
    expect(page.status).toBe(200);
    expect(ids(page).every((i) => i.startsWith(prefix))).toBe(true);
    expect(ids(page)).toContain(orderId);
  });

  it('finds by customer, by local network and by creation dates', async () => {
    const byCustomer = await get(`/audit/search?customerId=${customer.id}&from=${encodeURIComponent(before)}&limit=100`);
    expect(byCustomer.status).toBe(200);
    expect(ids(byCustomer)).toContain(orderId);
    expect((byCustomer.body as Array<{ customerId: string }>).every((h) => h.customerId === customer.id)).toBe(true);

    const inWindow = `from=${encodeURIComponent(before)}&to=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`;
    const byNetwork = await get(`/audit/search?localNetwork=dalian&customerId=${customer.id}&${inWindow}`, auditor('*'));
    expect(ids(byNetwork)).toContain(orderId);
    expect((byNetwork.body as Array<{ localNetwork: string }>).every((h) => h.localNetwork === 'dalian')).toBe(true);
    const elsewhere = await get(`/audit/search?localNetwork=shenyang&customerId=${customer.id}&${inWindow}`, auditor('*'));
    expect(elsewhere.status).toBe(200);
    expect(ids(elsewhere)).not.toContain(orderId);

    // Created after `to`: not in the range.
    const earlier = await get(`/audit/search?id=${orderId}&to=${encodeURIComponent(before)}`);
    expect(earlier.body).toEqual([]);
    expect(earlier.headers['x-total-count']).toBe('0');
  });

  it('finds work orders by id and customer', async () => {
    const byId = await get(`/audit/search?kind=workOrder&id=${workOrderId}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual([
      expect.objectContaining({
        kind: 'workOrder',
        id: workOrderId,
        workflowId: workOrderWorkflowId(workOrderId),
        customerId: customer.id,
        localNetwork: 'dalian',
        type: 'complaint',
      }),
    ]);
    const byCustomer = await get(`/audit/search?kind=workOrder&customerId=${customer.id}&from=${encodeURIComponent(before)}&limit=100`);
    expect(ids(byCustomer)).toContain(workOrderId);
  });

  it('shows only the auditor’s local networks, and refuses another network and other roles', async () => {
    const other = auditor(['shenyang']);
    expect(ids(await get(`/audit/search?id=${orderId}`, other))).toEqual([]);
    expect(ids(await get(`/audit/search?kind=workOrder&id=${workOrderId}`, other))).toEqual([]);
    expect((await get(`/audit/search?id=${orderId}`, auditor('*'))).body).toHaveLength(1);
    const refused = await get('/audit/search?localNetwork=dalian', other);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await get('/audit/search', sys.token({ roles: ['order-entry'], localNetworks: ['dalian'] }))).status).toBe(403);
    expect((await request(sys.app).get('/audit/search')).status).toBe(401);
  });

  it.each([
    ['an unknown parameter', 'orderId=1', 'query.orderId'],
    ['an unknown kind', 'kind=invoice', 'query.kind'],
    ['an id with odd characters', 'id=PO%25', 'query.id'],
    ['an id too long', `id=${'P'.repeat(81)}`, 'query.id'],
    ['a date that is not one', 'from=yesterday', 'query.from'],
    ['an unknown network', 'localNetwork=atlantis', 'query.localNetwork'],
    ['a page too big', 'limit=1000', 'query.limit'],
    ['an offset past the bound', 'offset=100001', 'query.offset'],
    ['a range that ends before it starts', 'from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', 'query.to'],
  ])('answers 400 naming the field for %s', async (_what, qs, field) => {
    const res = await get(`/audit/search?${qs}`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
  });
});

describe('GET …/history: the history as npm run audit:replay reads it', () => {
  let bundle: string;
  beforeAll(() => {
    bundle = readFileSync(process.env.TEST_WORKFLOW_BUNDLE!, 'utf8');
  });
  const replayFiles = async (files: string[]): Promise<ReplayOutcome[]> => {
    const { files: readable, unreadable } = readHistoryFiles(files);
    expect(unreadable).toEqual([]);
    const out: ReplayOutcome[] = [];
    for await (const o of replayHistories(
      { workflowBundle: { code: bundle } },
      readable.map((f) => ({ workflowId: f.id, history: f.history })),
    ))
      out.push(o);
    return out;
  };

  it('downloads an order’s history as an attachment, the file audit:export writes, and it replays', async () => {
    const res = await get(`/productOrder/${orderId}/history`)
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.on('data', (c: Buffer) => (text += c.toString('utf8')));
        r.on('end', () => cb(null, text));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${orderWorkflowId(orderId)}.json"`);
    const text = res.body as string;
    // What audit:export writes for the same run (the server's search-attribute maps come in any key order).
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(historyFileText(await sys.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory())));
    const file = join(dir, `${orderWorkflowId(orderId)}.json`);
    writeFileSync(file, text);
    expect(await replayFiles([file])).toEqual([{ id: orderWorkflowId(orderId), ok: true, runId: expect.any(String) }]);

    // The same file with one command changed no longer replays: the auditor would see it. The validation
    // is a local activity (patch local-validation): its type is in its marker's data, base64 in the file.
    const doc = JSON.parse(text) as {
      events: Array<{ markerRecordedEventAttributes?: { details?: Record<string, { payloads?: Array<{ data?: string }> }> } }>;
    };
    const renamed = doc.events
      .flatMap((e) => Object.values(e.markerRecordedEventAttributes?.details ?? {}).flatMap((d) => d.payloads ?? []))
      .filter((p) => p.data && Buffer.from(p.data, 'base64').toString().includes('"activity_type":"validateOrder"'));
    expect(renamed).toHaveLength(1);
    renamed[0]!.data = Buffer.from(Buffer.from(renamed[0]!.data!, 'base64').toString().replace('"validateOrder"', '"screenOrder"')).toString('base64');
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(doc));
    const [outcome] = await replayFiles([tampered]);
    expect(outcome!.ok).toBe(false);
    expect(outcome!.reason).toMatch(/^DeterminismViolationError: .*(screenOrder|validateOrder)/);
  });

  it('downloads a work order’s history too', async () => {
    const res = await get(`/troubleTicket/${workOrderId}/history`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${workOrderWorkflowId(workOrderId)}.json"`);
    expect(res.headers['x-workflow-id']).toBe(workOrderWorkflowId(workOrderId));
    expect((res.body as { events: Array<{ eventType: string }> }).events[0]!.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    const file = join(dir, `${workOrderWorkflowId(workOrderId)}.json`);
    writeFileSync(file, JSON.stringify(res.body));
    expect((await replayFiles([file]))[0]!.ok).toBe(true);
  });

  it('is refused out of scope, to other roles, and 404 for what does not exist', async () => {
    expect((await get(`/productOrder/${orderId}/history`, auditor(['shenyang']))).status).toBe(403);
    expect((await get(`/troubleTicket/${workOrderId}/history`, auditor(['shenyang']))).status).toBe(403);
    expect((await get(`/productOrder/${orderId}/history`, sys.token({ roles: ['ops'] }))).status).toBe(403);
    expect((await get('/productOrder/PO-NOPE-404/history')).status).toBe(404);
    expect((await get('/troubleTicket/TT-NOPE-404/history')).status).toBe(404);
    const bad = await get('/productOrder/PO%20x/history');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('path.id');
  });
});

describe('POST /audit/replay', () => {
  it('replays an order’s and a work order’s history against the deployed code', async () => {
    // The first replay of the process bundles the workflow code (seconds).
    const res = await replay({ kind: 'order', id: orderId });
    expect(res.status).toBe(200);
    const history = await sys.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
    expect(res.body).toEqual({
      ok: true,
      workflowId: orderWorkflowId(orderId),
      runId: expect.any(String),
      events: history.events!.length,
      ms: expect.any(Number),
    });
    const wo = await replay({ kind: 'workOrder', id: workOrderId });
    expect(wo.status).toBe(200);
    expect(wo.body).toMatchObject({ ok: true, workflowId: workOrderWorkflowId(workOrderId) });
    expect(wo.body.events).toBeGreaterThan(3);
  }, 180_000);

  it('reports a run the deployed code would not take step for step as ok false, with the nondeterminism', async () => {
    // A run made by other code (test/replay-fixtures/unpatched: a step inserted before validation) on a
    // task queue of its own, under a work-order id the read model does not know (an auditor of every
    // network may read those from the engine).
    const fixture = fileURLToPath(new URL('../replay-fixtures/unpatched/index.ts', import.meta.url));
    const taskQueue = `audit-other-code-${randomUUID()}`;
    const connection = await connectWorker(sys.config);
    const other = await Worker.create({
      connection,
      namespace: sys.config.TEMPORAL_NAMESPACE,
      taskQueue,
      workflowBundle: { code: await bundleWorkflows(() => {}, fixture) },
    });
    const running = other.run();
    const started = (await sys.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory()).events![0]!;
    const input = defaultPayloadConverter.fromPayload(started.workflowExecutionStartedEventAttributes!.input!.payloads![0]!);
    const id = `TT-AUDIT-OTHER-${randomUUID().slice(0, 8)}`;
    const handle = await sys.client.workflow.start('orderFulfilment', { workflowId: workOrderWorkflowId(id), taskQueue, args: [input] });
    try {
      await waitFor('the other code scheduled its first step', async () =>
        (await handle.fetchHistory()).events!.some((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'screenOrder'),
      );
      const res = await replay({ kind: 'workOrder', id }, auditor('*'));
      expect(res.status).toBe(200);
      expect(res.body.ok).toBe(false);
      expect(res.body.error).toMatch(/^DeterminismViolationError: .*(screenOrder|validateOrder)/);
      // A scoped auditor does not reach what the read model does not hold.
      expect((await replay({ kind: 'workOrder', id })).status).toBe(404);
    } finally {
      await handle.terminate('test over').catch(() => {});
      other.shutdown();
      await running;
      await connection.close();
    }
  }, 180_000);

  it('is scoped, validated and 404 for what does not exist', async () => {
    expect((await replay({ kind: 'order', id: orderId }, auditor(['shenyang']))).status).toBe(403);
    expect((await replay({ kind: 'workOrder', id: workOrderId }, auditor(['shenyang']))).status).toBe(403);
    expect((await replay({ kind: 'order', id: orderId }, sys.token({ roles: ['supervisor'], localNetworks: ['dalian'] }))).status).toBe(403);
    expect((await replay({ kind: 'order', id: 'PO-NOPE-404' })).status).toBe(404);
    for (const [body, field] of [
      [{ kind: 'order' }, 'id'],
      [{ kind: 'invoice', id: orderId }, 'kind'],
      [{ kind: 'order', id: orderId, runId: 'x' }, 'runId'],
      [{ kind: 'order', id: 'x'.repeat(81) }, 'id'],
    ] as const) {
      const res = await replay(body);
      expect(res.status).toBe(400);
      expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    }
  });

  it('runs one replay at a time per process: beyond the queue 429, past the time limit 503', async () => {
    const history = await sys.client.workflow.getHandle(orderWorkflowId(orderId)).fetchHistory();
    const logger = createLogger('silent', 'audit-view-test');
    const first = replayAgainstDeployedCode('first', history, logger, { maxWaiting: 0, timeoutMs: 60_000 });
    const second = replayAgainstDeployedCode('second', history, logger, { maxWaiting: 0, timeoutMs: 60_000 });
    await expect(second).rejects.toMatchObject({ status: 429, headers: { 'retry-after': '5' } });
    await expect(first).resolves.toMatchObject({ ok: true });
    const slow = replayAgainstDeployedCode('slow', history, logger, { maxWaiting: 3, timeoutMs: 1 });
    await expect(slow).rejects.toBeInstanceOf(ProblemError);
    await expect(slow).rejects.toMatchObject({ status: 503 });
    // The slot comes back once the slow replay really ended.
    await expect(replayAgainstDeployedCode('after', history, logger)).resolves.toMatchObject({ ok: true });
  }, 120_000);
});
