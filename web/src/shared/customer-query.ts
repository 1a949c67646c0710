// What a call-centre agent typed into the one search box, read as one criterion of GET /customer.
// No imports: the Node unit tests read it too.

export const CUSTOMER_CRITERIA = ['serviceNumber', 'customerId', 'name', 'idNumber'] as const;
export type CustomerCriterion = (typeof CUSTOMER_CRITERIA)[number];

/** The API's bounds on each criterion (api/routes/customers.ts), for the form to apply first. */
export const CRITERION_MAX: Record<CustomerCriterion, number> = { serviceNumber: 32, customerId: 64, name: 100, idNumber: 32 };

/**
 * The criterion the text most likely is: 11 digits starting with 1 a mobile number, 18 characters
 * (17 digits and a digit or X) an ID card, `cust-…` a customer id, other digits or a broadband line
 * id (AD…) a service number, anything else a name.
 */
export function classifyCustomerQuery(input: string): { criterion: CustomerCriterion; value: string } {
  const text = input.trim();
  const compact = text.replace(/[\s-]+/g, '');
  if (/^1\d{10}$/.test(compact)) return { criterion: 'serviceNumber', value: compact };
  if (/^\d{17}[\dXx]$/.test(compact)) return { criterion: 'idNumber', value: compact.toUpperCase() };
  if (/^cust-[A-Za-z0-9._:-]+$/i.test(text)) return { criterion: 'customerId', value: text };
  // Fixed lines with their area code (041182345678), PHS, and broadband line ids (AD0411…).
  if (/^\d{5,20}$/.test(compact) || /^AD\d{3,}$/i.test(compact)) return { criterion: 'serviceNumber', value: compact.toUpperCase() };
  return { criterion: 'name', value: text };
}

/** The longest description a new work order takes (api/schemas/work-order.ts; test/unit/customer-query.test.ts keeps them equal). */
export const MAX_DESCRIPTION = 4000;
