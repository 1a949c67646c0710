// Reading a TMF622 v5 order request into the domain's request: parties, local network, moves,
// noChange items, deposits, and the domain's field names as the v5 body names them.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { DEFAULT_LOCAL_NETWORK_RULES } from '../../domain/local-networks.js';
import type { Customer } from '../../domain/customer.js';
import { toOrderRequest, type V5Lookups } from '../../api/tmf622-request.js';
import { OPAQUE_MAX_CHARS, ProductOrderV5Input } from '../../api/schemas/product-order-v5.js';

const customer: Customer = { id: 'C1', kind: 'individual', name: 'Li Lei', tier: 'gold', homeLocalNetwork: 'dalian', status: 'active', contact: {} };
const look: V5Lookups = {
  offerings: new Map(DEFAULT_CATALOG.map((o) => [o.id, o])),
  localNetworks: new Map(DEFAULT_LOCAL_NETWORK_RULES.map((n) => [n.id, n])),
  customer: async (id) => (id === 'C1' ? customer : undefined),
  accountOwner: async (id) => (id === 'A1' ? 'C1' : undefined),
  defaultChannel: 'web',
};
const party = (role: string, id: string) => ({ role, partyOrPartyRole: { id } });
const map = (body: unknown) => toOrderRequest(ProductOrderV5Input.parse(body), look);

describe('TMF622 v5 request → domain request', () => {
  it('takes the customer, the agent and the seller by role, case-insensitively', async () => {
    const r = await map({
      relatedParty: [party('SELLER', 'shenyang'), party('customer', 'C1'), party('salesAgent', 'AG-1')],
      productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'vas-caller-id' } }],
    });
    expect(r).toMatchObject({ ok: true, request: { customerId: 'C1', localNetwork: 'shenyang', agentId: 'AG-1', channel: 'web' } });
  });

  it("defaults the local network to the customer's home, and finds the customer by the billing account", async () => {
    const r = await map({ billingAccount: { id: 'A1' }, productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'vas-caller-id' } }] });
    expect(r).toMatchObject({ ok: true, request: { customerId: 'C1', localNetwork: 'dalian', billingAccountId: 'A1' } });
  });

  it('reads modify with a new place as a move, with the address as installationAddress; noChange items stay out', async () => {
    const r = await map({
      relatedParty: [party('Customer', 'C1')],
      productOrderItem: [
        { id: 'a', action: 'noChange', product: { id: 'SUB-9' } },
        {
          id: 'b',
          action: 'modify',
          productOffering: { id: 'bb-adsl-2m' },
          product: { id: 'SUB-1', place: [{ role: 'installationAddress', place: { city: '大连', streetName: '中山路', streetNr: '1' } }] },
        },
      ],
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.request.localNetwork).toBe('dalian');
    expect(r.request.productOrderItem).toEqual([
      {
        id: 'b',
        action: 'move',
        productOffering: { id: 'bb-adsl-2m' },
        quantity: 1,
        product: { id: 'SUB-1', characteristic: [{ name: 'installationAddress', value: '大连 中山路 1' }] },
      },
    ]);
    // The domain's item 0 is the body's item 1; its characteristic 0 the body's productCharacteristic.
    expect(r.fieldOf('productOrderItem[0].product.id')).toBe('productOrderItem[1].product.id');
    expect(r.fieldOf('customerId')).toBe('relatedParty[0].partyOrPartyRole.id');
    expect(r.fieldOf('localNetwork')).toBe('productOrderItem[1].product.place[0].place.city');
  });

  it('sums DepositPaymentRef amounts in yuan into the deposit; other currencies are refused, named', async () => {
    const deposit = (value: number, unit = 'CNY') => ({ id: 'P1', '@type': 'DepositPaymentRef', '@baseType': 'PaymentRef', amount: { unit, value } });
    const ok = await map({
      relatedParty: [party('Customer', 'C1')],
      payment: [deposit(150.5)],
      productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'vas-caller-id' }, payment: [deposit(49.5)] }],
    });
    expect(ok).toMatchObject({ ok: true, request: { depositPaidCents: 20_000 } });
    const bad = await map({
      relatedParty: [party('Customer', 'C1')],
      payment: [deposit(10, 'EUR')],
      productOrderItem: [{ id: '1', action: 'add', productOffering: { id: 'vas-caller-id' } }],
    });
    expect(bad).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'payment[0].amount.unit', code: 'INVALID_CURRENCY' })] });
    // An amount without the declared extension type is refused by the schema.
    expect(
      ProductOrderV5Input.safeParse({ payment: [{ id: 'P', amount: { unit: 'CNY', value: 1 } }], productOrderItem: [{ id: '1', action: 'add' }] }).success,
    ).toBe(false);
  });

  it('names every unknown id at once: seller, channel, offering, billing account, place', async () => {
    const r = await map({
      relatedParty: [party('Seller', 'acme'), party('Customer', 'C1')],
      channel: [{ role: 'capture', channel: { id: '1' } }],
      productOrderItem: [
        { id: '1', action: 'add', productOffering: { id: 'nope' }, billingAccount: { id: 'A9' } },
        { id: '2', action: 'add', productOffering: { id: 'bb-adsl-2m' }, product: { place: [{ role: 'installationAddress', place: { id: 'PL-1' } }] } },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => e.field).sort()).toEqual(
      [
        'relatedParty[0].partyOrPartyRole.id',
        'channel[0].channel.id',
        'productOrderItem[0].productOffering.id',
        'productOrderItem[0].billingAccount.id',
        'productOrderItem[1].product.place[0].place.id',
      ].sort(),
    );
  });

  it('keeps intents and object characteristics as sent, within their size bound', () => {
    const item = { id: '1', action: 'add', productOffering: { id: 'vas-caller-id' } };
    expect(ProductOrderV5Input.safeParse({ intentSpecification: { id: 'I', any: { nested: [1, 2] } }, productOrderItem: [item] }).success).toBe(true);
    const big = ProductOrderV5Input.safeParse({ intentSpecification: { blob: 'x'.repeat(OPAQUE_MAX_CHARS) }, productOrderItem: [item] });
    expect(big.success).toBe(false);
    expect(big.error?.issues[0]?.path).toEqual(['intentSpecification']);
  });

  it('refuses an order of noChange items only', async () => {
    const r = await map({ relatedParty: [party('Customer', 'C1')], productOrderItem: [{ id: '1', action: 'noChange', product: { id: 'SUB-1' } }] });
    expect(r).toEqual({ ok: false, errors: [expect.objectContaining({ field: 'productOrderItem', code: 'EMPTY_ORDER' })] });
  });
});
