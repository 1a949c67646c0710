// The HTTP adapters against the shipped simulators, over real HTTP. Starts its own simulators on
// ephemeral ports; depends on nothing from the global setup.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import request from 'supertest';
import { AdapterError, BusinessRefusalError, TransientAdapterError, createHttpAdapters, type Adapters, type CallOutcome } from '../../adapters/index.js';
import { createNotificationSimulator, startSimulators, type RunningSimulators } from '../../simulators/index.js';
import { simulatorControls } from '../../simulators/control.js';

let sims: RunningSimulators;
let adapters: Adapters;
let ctl: ReturnType<typeof simulatorControls>;
const calls: { system: string; operation: string; outcome: CallOutcome; durationMs: number }[] = [];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(p: Promise<unknown>): Promise<AdapterError> {
  try {
    await p;
  } catch (err) {
    return err as AdapterError;
  }
  throw new Error('expected the call to fail');
}

const sub = (id: string, customerId = 'C-1') => ({
  subscriptionId: id,
  accountId: 'A-1',
  customerId,
  offeringId: 'OFF-BB-100M',
  recurringCents: 9900,
  oneOffCents: 20000,
});
const numberReq = (extra: { preferred?: string } = {}) => ({ kind: 'number' as const, localNetwork: 'Shenyang', orderId: 'O-1', itemId: 'I-1', ...extra });

beforeAll(async () => {
  sims = await startSimulators({ basePort: 0, latencyMs: 0 });
  adapters = createHttpAdapters(sims.urls, {
    timeoutMs: 2000,
    onCall: (system, operation, outcome, durationMs) => calls.push({ system, operation, outcome, durationMs }),
  });
  ctl = simulatorControls(sims.urls);
});

afterAll(async () => {
  await sims?.stop();
});

beforeEach(async () => {
  calls.length = 0;
  await Promise.all(Object.values(ctl).map((c) => c.reset()));
});

describe('success paths', () => {
  it('billing: account, activation, balance, deactivation', async () => {
    await expect(adapters.billing.createAccount({ customerId: 'C-1', accountId: 'A-1', name: 'Wang Wei' }, 'acct-1')).resolves.toEqual({ accountId: 'A-1' });
    const { billingId } = await adapters.billing.activateSubscription(sub('S-1'), 'wf-1:activate-billing:S-1');
    expect(billingId).toMatch(/^BL-\d{8}$/);

    await expect(adapters.billing.getBalance('C-1')).resolves.toEqual({ customerId: 'C-1', balanceCents: 0, currency: 'CNY' });
    await ctl.billing.control({ balances: { 'C-1': -1250 } });
    await expect(adapters.billing.getBalance('C-1')).resolves.toMatchObject({ balanceCents: -1250 });

    let rec = await ctl.billing.records();
    expect(rec.views.activeSubscriptions).toBe(1);
    expect(rec.views.subscriptions?.['S-1']).toMatchObject({ status: 'active', activations: 1, billingId });

    await adapters.billing.deactivateSubscription({ subscriptionId: 'S-1' }, 'wf-1:undo-billing:S-1');
    // A compensation retried under a new key is still fine: already inactive.
    await adapters.billing.deactivateSubscription({ subscriptionId: 'S-1' }, 'wf-1:undo-billing:S-1:again');
    rec = await ctl.billing.records();
    expect(rec.views.activeSubscriptions).toBe(0);
    expect(rec.views.subscriptions?.['S-1']).toMatchObject({ status: 'inactive', activations: 1, deactivations: 1 });
    expect(rec.operations).toEqual({ createAccount: 1, activateSubscription: 1, deactivateSubscription: 1 });
  });

  it('inventory: reserves each kind, releases, and reports no leak', async () => {
    const reserved = await Promise.all(
      (['number', 'port', 'ip', 'device'] as const).map((kind) =>
        adapters.inventory.reserve({ kind, localNetwork: 'Dalian', orderId: 'O-1', itemId: 'I-1' }, `O-1:reserve:${kind}`),
      ),
    );
    const [num, port, ip, device] = reserved;
    expect(num).toMatchObject({ kind: 'number', value: expect.stringMatching(/^1311\d{7}$/) });
    expect(port?.value).toMatch(/^LN11-OLT\d+\/\d+\/\d+$/);
    expect(ip?.value).toMatch(/^10\.11\.\d+\.\d+$/);
    expect(device?.value).toMatch(/^ONT-11\d{8}$/);

    let rec = await ctl.inventory.records();
    expect(rec.views.activeReservations).toBe(4);
    expect(rec.views.perKind.port).toEqual({ active: 1, reserved: 1, released: 0 });

    for (const r of reserved) await adapters.inventory.release({ reservationId: r.reservationId }, `O-1:release:${r.kind}`);
    await adapters.inventory.release({ reservationId: num!.reservationId }, 'O-1:release:number:again'); // already released: fine
    rec = await ctl.inventory.records();
    expect(rec.views.activeReservations).toBe(0);
    expect(rec.views.perKind.number).toEqual({ active: 0, reserved: 1, released: 1 });

    // A released value goes back to the pool.
    const again = await adapters.inventory.reserve({ kind: 'number', localNetwork: 'Dalian', orderId: 'O-2', itemId: 'I-1' }, 'O-2:reserve:number');
    expect(again.value).toBe(num!.value);
  });

  it('network: activation and deactivation', async () => {
    const { activationId } = await adapters.network.activateService(
      {
        serviceId: 'SVC-1',
        orderId: 'O-1',
        itemId: 'I-1',
        offeringId: 'OFF-BB-100M',
        actions: ['configure-port', 'assign-ip'],
        resources: [{ kind: 'port', value: 'LN10-OLT1/1/1' }],
      },
      'O-1:network:I-1',
    );
    expect(activationId).toMatch(/^ACT-\d{8}$/);
    expect((await ctl.network.records()).views.activeServices).toBe(1);
    await adapters.network.deactivateService({ activationId }, 'O-1:undo-network:I-1');
    const rec = await ctl.network.records();
    expect(rec.views.activeServices).toBe(0);
    expect(rec.views.activations?.[activationId]).toMatchObject({ status: 'deactivated', applied: 1 });
  });

  it('notification: sms and email', async () => {
    const a = await adapters.notification.send(
      { channel: 'sms', to: '13912345678', template: 'order-completed', params: { orderId: 'O-1' } },
      'O-1:notify:sms',
    );
    const b = await adapters.notification.send(
      { channel: 'email', to: 'wang@example.cn', template: 'order-completed', params: { orderId: 'O-1' } },
      'O-1:notify:email',
    );
    expect(a.messageId).not.toBe(b.messageId);
    const rec = await ctl.notification.records();
    expect(rec.views).toMatchObject({ sent: 2, byChannel: { sms: 1, email: 1 }, byTemplate: { 'order-completed': 2 } });
    expect(rec.views.messages?.map((m) => m.to)).toEqual(['13912345678', 'wang@example.cn']);
  });

  it('reports every call to the onCall hook', async () => {
    await adapters.billing.getBalance('C-9');
    await failure(adapters.inventory.reserve(numberReq({ preferred: '13100000000' }), 'k-taken'));
    expect(calls.map(({ system, operation, outcome }) => [system, operation, outcome])).toEqual([
      ['billing', 'getBalance', 'ok'],
      ['inventory', 'reserve', 'refused'],
    ]);
    expect(calls.every((c) => c.durationMs >= 0)).toBe(true);
  });
});

describe('idempotency', () => {
  it('the same key twice applies once and answers the same', async () => {
    const first = await adapters.billing.activateSubscription(sub('S-2'), 'wf-2:activate-billing:S-2');
    const second = await adapters.billing.activateSubscription(sub('S-2'), 'wf-2:activate-billing:S-2');
    expect(second).toEqual(first);
    const rec = await ctl.billing.records();
    expect(rec.views.subscriptions?.['S-2']?.activations).toBe(1);
    expect(rec.views.duplicateActivations).toBe(0);
    expect(rec.counters).toMatchObject({ effects: 1, duplicatesSuppressed: 1 });
    expect(rec.effects.filter((e) => e.key === 'wf-2:activate-billing:S-2')).toHaveLength(1);
  });

  it('concurrent retries with one key apply once', async () => {
    await ctl.inventory.control({ latencyMs: 30, jitterMs: 30 });
    const results = await Promise.all(Array.from({ length: 8 }, () => adapters.inventory.reserve(numberReq(), 'O-3:reserve:number')));
    expect(new Set(results.map((r) => r.reservationId)).size).toBe(1);
    const rec = await ctl.inventory.records();
    expect(rec.views.activeReservations).toBe(1);
    expect(rec.counters).toMatchObject({ effects: 1, duplicatesSuppressed: 7 });
  });

  it('a second activation under another key is visible as a duplicate', async () => {
    await adapters.billing.activateSubscription(sub('S-3'), 'key-a');
    await adapters.billing.activateSubscription(sub('S-3'), 'key-b');
    const rec = await ctl.billing.records();
    expect(rec.views.subscriptions?.['S-3']?.activations).toBe(2);
    expect(rec.views.duplicateActivations).toBe(1);
  });

  it('a key reused with a different body is refused with 422', async () => {
    await adapters.billing.activateSubscription(sub('S-4'), 'shared-key');
    const err = await failure(adapters.billing.activateSubscription(sub('S-5'), 'shared-key'));
    expect(err).toBeInstanceOf(BusinessRefusalError);
    expect(err).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422, system: 'billing', operation: 'activateSubscription' });
    const rec = await ctl.billing.records();
    expect(rec.counters.keyConflicts).toBe(1);
    expect(rec.views.subscriptions?.['S-5']).toBeUndefined();
  });

  it('a mutating request without a key is refused with 400 by the simulator', async () => {
    for (const headers of [{}, { 'idempotency-key': 'has spaces' }] as Record<string, string>[]) {
      const res = await fetch(`${sims.urls.billing}/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(sub('S-6')),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'IDEMPOTENCY_KEY_REQUIRED' } });
    }
    const rec = await ctl.billing.records();
    expect(rec.counters).toMatchObject({ missingKeys: 2, effects: 0 });
    // The client never sends one without a key.
    await expect(adapters.billing.activateSubscription(sub('S-6'), '')).rejects.toThrow(TypeError);
  });

  it('a lost response, retried with the same key, does not apply twice', async () => {
    await ctl.network.control({ lostResponseRate: 1 });
    const input = { serviceId: 'SVC-7', orderId: 'O-7', itemId: 'I-1', actions: ['provision'], resources: [] };
    const err = await failure(adapters.network.activateService(input, 'O-7:network:I-1'));
    expect(err).toBeInstanceOf(TransientAdapterError);
    expect(err.status).toBe(503);
    await ctl.network.control({ lostResponseRate: 0 });
    const { activationId } = await adapters.network.activateService(input, 'O-7:network:I-1');
    const rec = await ctl.network.records();
    expect(rec.views.activations?.[activationId]?.applied).toBe(1);
    expect(rec.counters).toMatchObject({ effects: 1, lostResponses: 1, duplicatesSuppressed: 1 });
  });
});

describe('transient faults', () => {
  it('injected 503s become TransientAdapterError and change nothing', async () => {
    await ctl.billing.control({ errorRate: 1 });
    const err = await failure(adapters.billing.activateSubscription(sub('S-8'), 'k-8'));
    expect(err).toBeInstanceOf(TransientAdapterError);
    expect(err).toMatchObject({ status: 503, retryable: true, system: 'billing' });
    await expect(adapters.billing.getBalance('C-1')).rejects.toBeInstanceOf(TransientAdapterError);
    const rec = await ctl.billing.records();
    expect(rec.counters).toMatchObject({ injectedErrors: 2, effects: 0 });
    // The key was not consumed by the failure: the retry does the work.
    await ctl.billing.control({ errorRate: 0 });
    await expect(adapters.billing.activateSubscription(sub('S-8'), 'k-8')).resolves.toHaveProperty('billingId');
  });

  it('an outage answers 503 with Retry-After until it ends, then calls succeed', async () => {
    const settings = await ctl.inventory.control({ outageForMs: 600 });
    expect(settings.outageUntil).not.toBeNull();
    expect(await ctl.inventory.healthy()).toBe(false);
    const err = await failure(adapters.inventory.reserve(numberReq(), 'O-9:reserve'));
    expect(err).toBeInstanceOf(TransientAdapterError);
    expect((err as TransientAdapterError).retryAfterMs).toBeGreaterThan(0);
    await sleep(700);
    expect(await ctl.inventory.healthy()).toBe(true);
    await expect(adapters.inventory.reserve(numberReq(), 'O-9:reserve')).resolves.toHaveProperty('reservationId');
    expect((await ctl.inventory.records()).counters).toMatchObject({ outageRejections: 1, effects: 1 });
  });

  it('an outage can be ended early, or set with an absolute end', async () => {
    await ctl.notification.control({ outageUntil: new Date(Date.now() + 60_000).toISOString() });
    await expect(adapters.notification.send({ channel: 'sms', to: '13912345678', template: 't', params: {} }, 'n-1')).rejects.toBeInstanceOf(
      TransientAdapterError,
    );
    await ctl.notification.control({ outageUntil: null });
    await expect(adapters.notification.send({ channel: 'sms', to: '13912345678', template: 't', params: {} }, 'n-1')).resolves.toHaveProperty('messageId');
  });

  it('honours latency, and a client timeout is transient and never applied', async () => {
    await ctl.billing.control({ latencyMs: 150 });
    const started = performance.now();
    await adapters.billing.getBalance('C-1');
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(2000);

    await ctl.billing.control({ latencyMs: 400 });
    const impatient = createHttpAdapters(sims.urls, { timeoutMs: 100 });
    const err = await failure(impatient.billing.activateSubscription(sub('S-10'), 'k-10'));
    expect(err).toBeInstanceOf(TransientAdapterError);
    expect(err.message).toMatch(/timed out after 100 ms/);
    await sleep(500); // let the simulator finish waiting and notice the caller left
    const rec = await ctl.billing.records();
    expect(rec.counters).toMatchObject({ droppedDisconnected: 1, effects: 0 });
  });

  it('an unreachable system is transient', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise((r) => probe.close(r));
    const dead = createHttpAdapters({ ...sims.urls, billing: `http://127.0.0.1:${port}` }, { timeoutMs: 1000 });
    const err = await failure(dead.billing.getBalance('C-1'));
    expect(err).toBeInstanceOf(TransientAdapterError);
    expect(err.message).toMatch(/unreachable \(ECONNREFUSED\)/);
  });
});

describe('business refusals', () => {
  it('NUMBER_TAKEN for a held-back number and for one already reserved', async () => {
    const held = await failure(adapters.inventory.reserve(numberReq({ preferred: '13100000000' }), 'k-1'));
    expect(held).toBeInstanceOf(BusinessRefusalError);
    expect(held).toMatchObject({ code: 'NUMBER_TAKEN', status: 409, retryable: false });

    await adapters.inventory.reserve(numberReq({ preferred: '13101234567' }), 'k-2');
    const taken = await failure(adapters.inventory.reserve({ ...numberReq({ preferred: '13101234567' }), orderId: 'O-2' }, 'k-3'));
    expect(taken).toMatchObject({ code: 'NUMBER_TAKEN' });

    const malformed = await failure(adapters.inventory.reserve(numberReq({ preferred: '12-34' }), 'k-4'));
    expect(malformed).toMatchObject({ code: 'INVALID_NUMBER', status: 400 });
    expect((await ctl.inventory.records()).refusalCodes).toEqual({ NUMBER_TAKEN: 2, INVALID_NUMBER: 1 });
  });

  it('NO_PORT_AVAILABLE when the pool is exhausted', async () => {
    await ctl.inventory.control({ capacity: { port: 1 } });
    const req = { kind: 'port' as const, localNetwork: 'Anshan', orderId: 'O-1', itemId: 'I-1' };
    const first = await adapters.inventory.reserve(req, 'p-1');
    await expect(adapters.inventory.reserve({ ...req, orderId: 'O-2' }, 'p-2')).rejects.toMatchObject({ code: 'NO_PORT_AVAILABLE' });
    await adapters.inventory.release({ reservationId: first.reservationId }, 'p-1:release');
    await expect(adapters.inventory.reserve({ ...req, orderId: 'O-3' }, 'p-3')).resolves.toMatchObject({ value: first.value });
  });

  it('CREDIT_REFUSED for listed customers, UNKNOWN_SUBSCRIPTION, UNKNOWN_RESERVATION', async () => {
    await ctl.billing.control({ refuseCustomers: ['C-BAD'] });
    await expect(adapters.billing.activateSubscription(sub('S-11', 'C-BAD'), 'k-11')).rejects.toMatchObject({
      code: 'CREDIT_REFUSED',
      name: 'BusinessRefusalError',
    });
    await expect(adapters.billing.deactivateSubscription({ subscriptionId: 'S-NONE' }, 'k-12')).rejects.toMatchObject({
      code: 'UNKNOWN_SUBSCRIPTION',
      status: 404,
    });
    await expect(adapters.inventory.release({ reservationId: 'RSV-99999999' }, 'k-13')).rejects.toMatchObject({ code: 'UNKNOWN_RESERVATION' });
    expect((await ctl.billing.records()).views.activeSubscriptions).toBe(0);
  });

  it('network rejects activations by offering or by action, permanently', async () => {
    await ctl.network.control({ failOfferings: ['OFF-IPTV'], failActions: ['configure-vpn'] });
    const base = { serviceId: 'SVC-12', orderId: 'O-12', itemId: 'I-1', actions: ['provision'], resources: [] };
    await expect(adapters.network.activateService({ ...base, offeringId: 'OFF-IPTV' }, 'k-a')).rejects.toMatchObject({ code: 'ACTIVATION_REJECTED' });
    await expect(adapters.network.activateService({ ...base, actions: ['configure-vpn'] }, 'k-b')).rejects.toMatchObject({ code: 'ACTIVATION_REJECTED' });
    await expect(adapters.network.activateService({ ...base, offeringId: 'OFF-OTHER' }, 'k-c')).resolves.toHaveProperty('activationId');
  });

  it('notification refuses an undeliverable recipient', async () => {
    await expect(adapters.notification.send({ channel: 'email', to: 'not-an-address', template: 't', params: {} }, 'k-n')).rejects.toMatchObject({
      code: 'INVALID_RECIPIENT',
    });
  });
});

describe('simulator plumbing', () => {
  it('rejects malformed bodies and unknown controls, and resets', async () => {
    const res = await fetch(`${sims.urls.inventory}/reservations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'x' },
      body: '{not json',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    await expect(adapters.inventory.reserve({ ...numberReq(), kind: 'spaceship' as never }, 'x')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(ctl.billing.control({ failOfferings: ['x'] })).rejects.toThrow(/400/);

    await adapters.inventory.reserve(numberReq(), 'y');
    await ctl.inventory.reset();
    const rec = await ctl.inventory.records();
    expect(rec.views.activeReservations).toBe(0);
    expect(rec.counters.effects).toBe(0);
  });

  it('keeps a bounded effect log and idempotency store', async () => {
    const sim = createNotificationSimulator({ maxEffects: 3, maxIdempotencyKeys: 2 });
    for (let i = 1; i <= 5; i++) {
      await request(sim.app)
        .post('/messages')
        .set('Idempotency-Key', `m-${i}`)
        .send({ channel: 'sms', to: '13912345678', template: 't', params: { i } })
        .expect(201);
    }
    const rec = (await request(sim.app).get('/_records?summary=true').expect(200)).body;
    expect(rec.effects.map((e: { key: string }) => e.key)).toEqual(['m-3', 'm-4', 'm-5']);
    expect(rec.counters).toMatchObject({ effects: 5, idempotencyKeys: 2, idempotencyKeysEvicted: 3 });
    expect(rec.views).toEqual({ sent: 5, byChannel: { sms: 5, email: 0 }, byTemplate: { t: 5 } });
  });
});
