// Reads of running orders and work orders when no worker answers: the workflow's query is bounded
// (API_QUERY_TIMEOUT_MS) and the read model answers, saying so — before, a read waited as long as
// the workers were backlogged (in the billing-outage drill on a slower machine, 20 s and more).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { findCustomer, fixedLineWithInstallation, getOrder, placeOrder, takeWorkOrder, waitForStep } from '../../harness/fixtures.js';

let sys: TestSystem;

beforeAll(async () => {
  sys = await startTestSystem({ API_QUERY_TIMEOUT_MS: '500', API_DISPATCH_WAIT_MS: '1000' });
});
afterAll(async () => {
  await sys?.stop();
});

describe('with the workers gone', () => {
  it('a running order is read from the read model within the bound, and says so', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 45);
    // The order waits on its field installation (nobody answers in this file) when the worker goes away.
    const res = await placeOrder(sys, fixedLineWithInstallation(customer));
    expect(res.status).toBe(201);
    const live = await waitForStep(sys, res.body.id, 'fieldInstallation', 'running');
    expect(live.state).toBe('inProgress');
    expect((await getOrder(sys, res.body.id)).headers['x-data-source']).toBe('workflow');

    sys.worker.shutdown();
    await new Promise((ok) => setTimeout(ok, 200));

    const started = Date.now();
    const read = await getOrder(sys, res.body.id);
    const took = Date.now() - started;
    expect(read.status).toBe(200);
    expect(read.headers['x-data-source']).toBe('read-model');
    expect(read.body).toMatchObject({ id: res.body.id, state: 'inProgress' });
    // The bound is 500 ms; a query no worker answers would wait until the server gives up (a minute).
    expect(took).toBeLessThan(5000);

    // A work order taken now is accepted (its workflow started) but cannot be dispatched: 202 with
    // a Location, not a request left hanging; reading it is a 503 to retry, not a wait.
    const token = sys.token({ roles: ['call-centre'] });
    const taken = await takeWorkOrder(sys, token, customer, { serviceLine: 'gsm_mobile', description: 'no answer from anyone' });
    expect(taken.status).toBe(202);
    expect(taken.headers.location).toBe(`/troubleTicket/${taken.body.id}`);
    const wo = await request(sys.app).get(taken.headers.location!).set('authorization', `Bearer ${token}`);
    expect(wo.status).toBe(503);
    expect(wo.headers['retry-after']).toBe('1');
  });
});
