// The order desk's new-order form as data (web/src/desks/order/order-form.ts): the body it sends, the
// deposit the rules ask of this customer, what is missing, and where the API's field errors go.
import { describe, expect, it } from '@jest/globals';
import { depositDue, missingFields, orderBody, patternProblem, placeOfError, type FormItem, type FormOffering } from '../../web/src/desks/order/order-form.js';

const fixed: FormOffering = {
  id: 'fl-residential',
  serviceLine: 'fixed_line',
  numberPlan: 'fixed8',
  needsInstallationAddress: true,
  characteristic: [{ name: 'requestedNumber' }, { name: 'installationAddress', requiredFor: ['add', 'move'] }],
  deposit: [],
};
const gsm: FormOffering = {
  id: 'gsm-global-58',
  serviceLine: 'gsm_mobile',
  numberPlan: 'mobile',
  needsInstallationAddress: false,
  characteristic: [{ name: 'requestedNumber' }],
  deposit: [{ amountCents: 20_000, tiers: ['ordinary'], customerKinds: ['individual'], reason: 'postpaid deposit' }],
};
const customer = { id: 'cust-1', tier: 'ordinary', kind: 'individual', homeLocalNetwork: 'dalian' };
const items: FormItem[] = [
  {
    id: '1',
    offering: fixed,
    number: { number: '81238888', holdId: 'HLD-00000001-abcdefabcdef', heldUntil: '2030-01-01T00:00:00Z' },
    values: { installationAddress: ' 人民路 1 号 ' },
  },
  { id: '2', offering: gsm, values: {} },
];

describe('the new-order form', () => {
  it('sends the chosen number with its hold, the typed characteristics trimmed, and the deposit', () => {
    expect(orderBody(customer, items, { channel: 'shop', depositPaidCents: 20_000 })).toEqual({
      channel: 'shop',
      localNetwork: 'dalian',
      relatedParty: [{ id: 'cust-1', role: 'customer' }],
      depositPaidCents: 20_000,
      productOrderItem: [
        {
          id: '1',
          action: 'add',
          productOffering: { id: 'fl-residential' },
          product: {
            characteristic: [
              { name: 'requestedNumber', value: '81238888' },
              { name: 'numberHold', value: 'HLD-00000001-abcdefabcdef' },
              { name: 'installationAddress', value: '人民路 1 号' },
            ],
          },
        },
        { id: '2', action: 'add', productOffering: { id: 'gsm-global-58' } },
      ],
    });
  });

  it("asks the deposit of the rules matching the customer's tier and kind", () => {
    expect(depositDue(customer, items)).toEqual({ amountCents: 20_000, reasons: ['postpaid deposit'] });
    expect(depositDue({ tier: 'gold', kind: 'individual' }, items)).toEqual({ amountCents: 0, reasons: [] });
    expect(depositDue({ tier: 'ordinary', kind: 'enterprise' }, items).amountCents).toBe(0);
  });

  it('knows what is missing before a quote', () => {
    expect(missingFields(items)).toEqual({});
    expect(missingFields([{ id: '3', offering: fixed, values: { installationAddress: '  ' } }])).toEqual({ '3': ['installationAddress'] });
  });

  it("puts the API's field errors on the fields they name", () => {
    expect(placeOfError('productOrderItem[0].product.characteristic[2].value', items)).toEqual({ item: '1', field: 'installationAddress' });
    expect(placeOfError('productOrderItem[0].product.characteristic[1].value', items)).toEqual({ item: '1', field: 'requestedNumber' });
    expect(placeOfError('productOrderItem[1].productOffering.id', items)).toEqual({ item: '2', field: 'offering' });
    expect(placeOfError('depositPaidCents', items)).toEqual({ field: 'depositPaidCents' });
    expect(placeOfError('relatedParty[0].id', items)).toEqual({ field: 'form' });
    expect(placeOfError('productOrderItem[7].action', items)).toEqual({ field: 'form' });
  });

  it('checks a number pattern as the API does', () => {
    expect(patternProblem('*66?66')).toBeUndefined();
    expect(patternProblem('88a8')).toBe('chars');
    expect(patternProblem('12345678901234567')).toBe('length');
    expect(patternProblem('*1*2*3*')).toBe('stars');
  });
});
