// Who finds and opens which customers (domain/access.ts): the call centre reaches a roaming caller of
// any network by exact identifiers, never by browsing names; everyone else only their own networks.
import { describe, expect, it } from '@jest/globals';
import { canReadCustomer, customerSearchNetworks, type Principal } from '../../domain/access.js';

const principal = (roles: Principal['roles'], localNetworks: Principal['localNetworks']): Principal => ({ sub: 't', roles, localNetworks });

describe('customer access', () => {
  const callCentre = principal(['call-centre'], ['dalian']);
  const entry = principal(['order-entry'], ['dalian']);

  it('searches every network for the call centre by exact identifiers, its own by name', () => {
    expect(customerSearchNetworks(callCentre, {})).toBe('*');
    expect(customerSearchNetworks(callCentre, { name: '王' })).toEqual(['dalian']);
  });

  it('keeps order entry, dealers and supervisors to their own networks whatever they search by', () => {
    expect(customerSearchNetworks(entry, {})).toEqual(['dalian']);
    expect(customerSearchNetworks(principal(['agent'], ['dalian']), {})).toEqual(['dalian']);
    expect(customerSearchNetworks(principal(['supervisor'], '*'), { name: '王' })).toBe('*');
    expect(customerSearchNetworks(principal(['admin'], []), {})).toBe('*');
  });

  it("opens a customer's 360 for the call centre of any network, for others in their networks only", () => {
    expect(canReadCustomer(callCentre, 'shenyang')).toBe(true);
    expect(canReadCustomer(entry, 'dalian')).toBe(true);
    expect(canReadCustomer(entry, 'shenyang')).toBe(false);
    expect(canReadCustomer(principal(['admin'], []), 'shenyang')).toBe(true);
  });
});
