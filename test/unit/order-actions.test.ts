// What an order's reader may still do (domain/order-actions.ts): the workflow's own admission rules
// (canCancelOrder, canAmendItem) applied to the order as the API answers it, plus the reader's roles.
import { describe, expect, it } from '@jest/globals';
import { orderActionChecks } from '../../domain/order-actions.js';
import { ITEM_STEPS, type ItemProgress, type StepStatus } from '../../domain/order.js';

const both = { cancel: true, amend: true };

function item(itemId: string, state: ItemProgress['state'], statuses: Partial<Record<(typeof ITEM_STEPS)[number], StepStatus>>): ItemProgress {
  const steps = Object.fromEntries(ITEM_STEPS.map((s) => [s, { status: statuses[s] ?? 'pending' }])) as ItemProgress['steps'];
  return { itemId, offeringId: 'bb-lan-10m', action: 'add', state, steps };
}

describe('what an order offers its reader', () => {
  it('offers a cancellation and the amendment of each item before the point of no return', () => {
    const checks = orderActionChecks({ state: 'inProgress', items: [item('1', 'inProgress', { reserveResources: 'done' })], requestedItemIds: ['1'] }, both);
    expect(checks).toEqual({ cancel: { allowed: true }, amend: { '1': { allowed: true } } });
  });

  it('refuses the amendment once the network is touched, with the reason, and still offers the cancellation', () => {
    const checks = orderActionChecks(
      {
        state: 'inProgress',
        items: [item('1', 'inProgress', { reserveResources: 'done', configureNetwork: 'done', fieldInstallation: 'running' }), item('2', 'inProgress', {})],
        requestedItemIds: ['1', '2'],
      },
      both,
    );
    expect(checks.cancel).toEqual({ allowed: true });
    expect(checks.amend['1']).toMatchObject({ allowed: false, code: 'POINT_OF_NO_RETURN' });
    expect((checks.amend['1'] as { reason: string }).reason).toContain('configureNetwork is done');
    expect(checks.amend['2']).toEqual({ allowed: true });
  });

  it('refuses the cancellation once an item is delivered, and everything on a final or cancelling order', () => {
    const delivered = orderActionChecks({ state: 'inProgress', items: [item('1', 'completed', {}), item('2', 'inProgress', {})], requestedItemIds: [] }, both);
    expect(delivered.cancel).toMatchObject({ allowed: false, code: 'ITEM_ALREADY_COMPLETED' });
    for (const state of ['completed', 'cancelled', 'failed', 'partial', 'rejected']) {
      const final = orderActionChecks({ state, items: [item('1', 'completed', {})], requestedItemIds: ['1'] }, both);
      expect(final.cancel).toMatchObject({ allowed: false, code: 'ORDER_FINAL' });
      expect(final.amend['1']).toMatchObject({ allowed: false, code: 'ORDER_FINAL' });
    }
    const cancelling = orderActionChecks({ state: 'pendingCancellation', items: [item('1', 'inProgress', {})], requestedItemIds: ['1'] }, both);
    expect(cancelling.cancel).toMatchObject({ allowed: false, code: 'CANCEL_ALREADY_REQUESTED' });
    expect(cancelling.amend['1']).toMatchObject({ allowed: false, code: 'CANCEL_REQUESTED' });
  });

  it('before validation: cancellable, the requested items not amendable yet; a draft neither', () => {
    const fresh = orderActionChecks({ state: 'acknowledged', items: [], requestedItemIds: ['1', '2'] }, both);
    expect(fresh.cancel).toEqual({ allowed: true });
    expect(fresh.amend).toEqual({
      '1': expect.objectContaining({ allowed: false, code: 'NOT_VALIDATED' }),
      '2': expect.objectContaining({ allowed: false, code: 'NOT_VALIDATED' }),
    });
    const draft = orderActionChecks({ state: 'draft', items: [], requestedItemIds: ['1'] }, both);
    expect(draft.cancel).toMatchObject({ allowed: false, code: 'NOT_STARTED' });
    expect(draft.amend['1']).toMatchObject({ allowed: false, code: 'NOT_STARTED' });
  });

  it("tells a reader whose roles do not carry an action so, before the order's own rules", () => {
    const readOnly = orderActionChecks({ state: 'inProgress', items: [item('1', 'inProgress', {})], requestedItemIds: ['1'] }, { cancel: false, amend: false });
    expect(readOnly.cancel).toMatchObject({ allowed: false, code: 'ROLE' });
    expect(readOnly.amend['1']).toMatchObject({ allowed: false, code: 'ROLE' });
    const supervisor = orderActionChecks(
      { state: 'inProgress', items: [item('1', 'inProgress', {})], requestedItemIds: ['1'] },
      { cancel: true, amend: false },
    );
    expect(supervisor.cancel).toEqual({ allowed: true });
    expect(supervisor.amend['1']).toMatchObject({ allowed: false, code: 'ROLE' });
  });
});
