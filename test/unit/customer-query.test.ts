import { describe, expect, it } from '@jest/globals';
import { CreateTroubleTicket } from '../../api/schemas/work-order.js';
import { classifyCustomerQuery, MAX_DESCRIPTION } from '../../web/src/shared/customer-query.js';

describe("the call-centre search box's reading of what was typed", () => {
  it.each([
    ['13912345678', 'serviceNumber', '13912345678'],
    [' 139 1234 5678 ', 'serviceNumber', '13912345678'],
    ['041182345678', 'serviceNumber', '041182345678'],
    ['ad041100000012', 'serviceNumber', 'AD041100000012'],
    ['210202198001011234', 'idNumber', '210202198001011234'],
    ['21020219800101123x', 'idNumber', '21020219800101123X'],
    ['cust-0000042', 'customerId', 'cust-0000042'],
    ['张伟', 'name', '张伟'],
    ['  Ostrander ', 'name', 'Ostrander'],
    // 11 digits not starting with 1 is no mobile number; 12 digits starting with 1 neither.
    ['23912345678', 'serviceNumber', '23912345678'],
    ['2102021980010112345', 'serviceNumber', '2102021980010112345'],
    ['大连海韵2', 'name', '大连海韵2'],
  ])('%s is a %s', (input, criterion, value) => {
    expect(classifyCustomerQuery(input)).toEqual({ criterion, value });
  });
});

describe('the new work order form', () => {
  it("uses the API's own bound on the description", () => {
    expect(CreateTroubleTicket.shape.description.maxLength).toBe(MAX_DESCRIPTION);
  });
});
