// Order fulfilment end to end on real components: the API, the Temporal dev server, a worker
// built by workers/worker.ts, PostgreSQL and the simulators.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { answeringDepartment, findCustomer, freshMobile, orderBody, placeOrder, settledOrder } from '../../harness/fixtures.js';

let sys: TestSystem;
let stopDepartment: () => Promise<void>;

beforeAll(async () => {
  sys = await startTestSystem();
  stopDepartment = answeringDepartment(sys, { delayMs: 50 });
});
afterAll(async () => {
  await stopDepartment?.();
  await sys?.stop();
});

describe('order fulfilment', () => {
  it('fulfils a GSM postpaid order: reserve, configure, bill, notify', async () => {
    const customer = await findCustomer(sys);
    const res = await placeOrder(
      sys,
      orderBody(customer, [{ offering: 'gsm-global-58', characteristic: [{ name: 'requestedNumber', value: freshMobile() }] }]),
    );
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/json/);
    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');
    expect(order.productOrderItem[0].steps).toEqual({
      reserveResources: 'done',
      configureNetwork: 'done',
      fieldInstallation: 'skipped',
      activateBilling: 'done',
    });
    const billing = (await sys.sims.control.billing.records()) as { views: { activeSubscriptions: unknown[] } };
    expect(JSON.stringify(billing)).toContain(order.productOrderItem[0].product.id);
  });

  it('fulfils a broadband order with a field installation answered by the installation department', async () => {
    const customer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network <> 'fuxin'", 1);
    const res = await placeOrder(
      sys,
      orderBody(customer, [{ offering: 'bb-adsl-2m', characteristic: [{ name: 'installationAddress', value: 'Zhongshan Rd 1, flat 3' }] }]),
    );
    expect(res.status).toBe(201);
    const order = await settledOrder(sys, res.body.id);
    expect(order.state).toBe('completed');
    expect(order.productOrderItem[0].steps.fieldInstallation).toBe('done');
    expect(order.productOrderItem[0].workOrderId).toBeDefined();
  });
});
