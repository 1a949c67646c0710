// The work-order read model's writer under concurrency, on the real database with a small pool:
// its transaction's statements must run on the transaction's own connection (or many writes at
// once wait forever for a connection), and retried or concurrent writes of one work order must
// report each timeline entry once.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createOrm, type Orm } from '../../db/orm.js';
import { recordWorkOrder } from '../../db/work-orders.js';
import { applyEvent, createWorkOrder, type Actor, type WorkOrderEvent, type WorkOrderSnapshot } from '../../domain/work-order.js';

let orm: Orm;
const POOL = 3;

/**
 * A Panjin work order through a few steps of its loop. Panjin, not Dalian or Shenyang: open work
 * orders count in every later day's backlog, and reports.test.ts checks those two networks' figures.
 */
function workOrder(): WorkOrderSnapshot {
  const agent: Actor = { id: 'agent-rm', role: 'agent' };
  const system: Actor = { id: 'system', role: 'system' };
  const staff: Actor = { id: 'tech-rm', role: 'department', department: 'panjin-network-maintenance' };
  const t = Date.parse('2026-06-01T09:00:00+08:00');
  let s = createWorkOrder(
    {
      id: `RM-${randomUUID()}`,
      type: 'fault_report',
      channel: 'phone',
      customer: { id: 'C-rm', tier: 'ordinary' },
      takenInLocalNetwork: 'panjin',
      homeLocalNetwork: 'panjin',
      serviceLine: 'broadband',
      description: 'slow line',
    },
    agent,
    t,
  );
  const steps: Array<[WorkOrderEvent, Actor]> = [
    [{ type: 'classify' }, system],
    [{ type: 'dispatch', departments: ['panjin-network-maintenance'], ruleId: 'test', reason: 'read-model test' }, system],
    [{ type: 'accept' }, staff],
  ];
  for (const [i, [event, actor]] of steps.entries()) {
    const r = applyEvent(s, event, actor, t + (i + 1) * 60_000);
    if (!r.ok) throw new Error(r.message);
    s = r.next;
  }
  return s;
}

beforeAll(async () => {
  orm = await createOrm(process.env.TEST_DATABASE_URL!, POOL);
});
afterAll(async () => orm?.close());

describe('recordWorkOrder', () => {
  it('many writes at once on a pool of 3 connections all finish', async () => {
    const snapshots = Array.from({ length: 30 }, workOrder);
    const all = Promise.all(snapshots.map((s) => recordWorkOrder(orm.em.fork(), s, 1)));
    const timeout = new Promise((_, fail) => setTimeout(() => fail(new Error('writes still waiting after 20 s: the pool is exhausted')), 20_000).unref());
    const writes = (await Promise.race([all, timeout])) as Awaited<typeof all>;
    expect(writes.every((w) => w.applied)).toBe(true);
    const [{ n }] = (await orm.em
      .fork()
      .getConnection()
      .execute('select count(*)::int as n from work_order where id = any(?::text[])', [`{${snapshots.map((s) => s.id).join(',')}}`])) as [{ n: number }];
    expect(n).toBe(snapshots.length);
  });

  it('the same snapshot written concurrently reports its timeline entries once', async () => {
    const s = workOrder();
    const writes = await Promise.all(Array.from({ length: 6 }, (_, i) => recordWorkOrder(orm.em.fork(), s, 1 + (i % 2))));
    const reported = writes.reduce((sum, w) => sum + w.newEntries.length, 0);
    expect(reported).toBe(s.timeline.length);
  });
});
