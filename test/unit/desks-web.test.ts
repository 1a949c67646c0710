// Who lands where in the web app, account managers included (issue 15), and how a work order's
// category is named from the category tree.
import { describe, expect, it } from '@jest/globals';
import { CALL_CENTRE_DESK, desksOf, homeOf } from '../../web/src/app/desks.js';
import { isAccountManagerOnly } from '../../web/src/desks/call-centre/account-manager.js';
import { categoryLabel } from '../../web/src/shared/categories.js';
import type { components } from '../../web/src/api/openapi.js';

type SessionUser = components['schemas']['SessionUser'];

const user = (roles: SessionUser['roles']): SessionUser => ({ username: 'u', displayName: 'U', roles, localNetworks: ['dalian'] });

describe('desks', () => {
  it('gives an account manager the call-centre desk, where they land, showing them their own customers', () => {
    const am = user(['account-manager']);
    expect(desksOf(am)).toEqual([CALL_CENTRE_DESK]);
    expect(homeOf(am)).toBe(CALL_CENTRE_DESK);
    expect(isAccountManagerOnly(am)).toBe(true);
    // Someone of the call centre who also looks after customers keeps the call centre's own desk.
    expect(isAccountManagerOnly(user(['call-centre', 'account-manager']))).toBe(false);
    expect(desksOf(user(['call-centre', 'account-manager']))).toEqual([CALL_CENTRE_DESK]);
    expect(isAccountManagerOnly(null)).toBe(false);
  });
});

describe('category names', () => {
  const tree = [
    {
      id: 'billing-dispute',
      name: { 'zh-CN': '计费争议', en: 'Billing dispute' },
      level: 1,
      selectable: false,
      children: [
        {
          id: 'billing-dispute.charges',
          name: { 'zh-CN': '话费', en: 'Charges' },
          level: 2,
          selectable: true,
          children: [{ id: 'billing-dispute.charges.roaming', name: { 'zh-CN': '漫游', en: 'Roaming' }, level: 3, selectable: true }],
        },
      ],
    },
  ];

  it('names a node by its path in the reader’s language, and nothing for a node not in the tree', () => {
    expect(categoryLabel(tree, 'billing-dispute.charges.roaming', 'zh-CN')).toBe('计费争议 / 话费 / 漫游');
    expect(categoryLabel(tree, 'billing-dispute.charges', 'en')).toBe('Billing dispute / Charges');
    expect(categoryLabel(tree, 'network-quality', 'en')).toBeUndefined();
  });
});
