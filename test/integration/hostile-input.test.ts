// Regressions found by the fuzz drill (`npm run drill -- fuzz`): client input that reached PostgreSQL
// or domain code unchecked and came back as a 500 instead of a 400.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { findCustomer, orderBody, placeOrder } from '../../harness/fixtures.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem();
});
afterAll(async () => sys?.stop());

const get = (path: string) =>
  request(sys.app)
    .get(path)
    .set('authorization', `Bearer ${sys.token({ roles: ['ops'], localNetworks: '*' })}`);

describe('hostile input is refused, never a 500', () => {
  it('a customer id with a NUL byte (PostgreSQL cannot take it): 400', async () => {
    for (const id of ['a%00b', '%00', 'cust%0A1']) {
      const res = await get(`/customer/${id}`);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
    }
  });

  it('a daily report whose from or to is not a date: 400 with the field, not a crash in the range check', async () => {
    for (const q of ['from=&to=u60', 'from=2026-03-01&to=', 'from=x&to=2026-03-02', 'from=2026-02-30&to=2026-03-02']) {
      const res = await get(`/reports/daily?${q}`);
      expect(res.status).toBe(400);
      expect(res.type).toBe('application/problem+json');
    }
  });

  it('strings PostgreSQL cannot store (NUL, lone surrogates) in an order: refused, nothing written', async () => {
    const c = await findCustomer(sys, "c.kind = 'individual'", 3);
    const bodies = [
      orderBody(c, [{ offering: 'gsm-global-88' }], { externalId: 'ext\u0000nul' }),
      orderBody(c, [{ offering: 'gsm-global-88' }], { description: 'a\u0000b' }),
      orderBody(c, [{ offering: 'gsm-global-88' }], { description: 'lone \ud800 surrogate' }),
      orderBody(c, [{ offering: 'gsm-global-88', characteristic: [{ name: 'note\u0000', value: 'x\u0000' }] }]),
    ];
    for (const body of bodies) {
      const res = await placeOrder(sys, body, sys.token({ roles: ['order-entry'], sub: 'hostile-input' }));
      expect(res.status).toBeLessThan(500);
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
  });
});
