// Schemas of what the order desk reads before placing an order: the catalog as offered in a local
// network, and the inventory's free numbers with their holds. The single source of validation and
// of the OpenAPI document for these routes.
import { z } from 'zod';
import { RESOURCE_KINDS, SALE_REQUIREMENTS, SERVICE_LINES, ORDER_ACTIONS } from '../../domain/catalog.js';
import { CUSTOMER_KINDS, CUSTOMER_TIERS } from '../../domain/customer.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { NUMBER_PATTERN_MAX_LENGTH, parseNumberPattern } from '../../domain/number-pattern.js';

export const NUMBER_PLANS = ['mobile', 'fixed7', 'fixed8'] as const;

export const CatalogQuery = z.object({
  localNetwork: z.enum(LOCAL_NETWORK_IDS).describe('The local network the order is placed in'),
  serviceLine: z.enum(SERVICE_LINES).optional().describe('Only offerings of this service line'),
});

const Refusal = z.object({ code: z.string(), reason: z.string() });

export const OfferingCharacteristic = z
  .object({
    name: z.string(),
    valueType: z.enum(['string', 'number', 'boolean']),
    format: z.enum(['mobile_number', 'fixed_number', 'phone_number']).optional(),
    /** For fixed_number: the digits of this local network's plan. */
    digits: z.number().optional(),
    requiredFor: z.array(z.enum(ORDER_ACTIONS)).optional(),
    allowedValues: z.array(z.string()).optional(),
    description: z.string(),
  })
  .meta({ id: 'OfferingCharacteristic' });

export const CatalogOffering = z
  .object({
    id: z.string(),
    name: z.string(),
    nameZh: z.string().optional(),
    serviceLine: z.enum(SERVICE_LINES),
    lifecycleStatus: z.literal('active'),
    actions: z.array(z.enum(ORDER_ACTIONS)),
    resources: z.array(z.enum(RESOURCE_KINDS)),
    fieldInstallation: z.boolean().describe('A technician visits (an installation work order is raised)'),
    needsInstallationAddress: z.boolean().describe('installationAddress is required for a new service'),
    numberPlan: z
      .enum(NUMBER_PLANS)
      .optional()
      .describe('The offering takes a chosen number (requestedNumber) from this block: list it with GET /inventory/numbers'),
    customerKinds: z.array(z.enum(CUSTOMER_KINDS)).optional().describe('Only for these kinds of customer; absent = every customer'),
    saleRequires: z
      .array(z.enum(SALE_REQUIREMENTS))
      .optional()
      .describe('What a sale needs that only a shop counter or an agent can do: not sold over the phone (call_centre) or the web'),
    characteristic: z.array(OfferingCharacteristic),
    deposit: z
      .array(
        z.object({
          amountCents: z.number(),
          tiers: z.array(z.enum(CUSTOMER_TIERS)),
          customerKinds: z.array(z.enum(CUSTOMER_KINDS)).optional(),
          reason: z.string(),
        }),
      )
      .describe("The local network's deposit rules for a new service of this offering (the customer's tier and kind decide)"),
    orderable: z.boolean().describe('False when the reader (an agent) may not sell it; refusal says why'),
    refusal: Refusal.optional(),
  })
  .meta({ id: 'CatalogOffering' });

export const OfferedCatalog = z
  .object({
    localNetwork: z.object({
      id: z.string(),
      name: z.string(),
      nameZh: z.string(),
      areaCode: z.string(),
      fixedNumberDigits: z.number(),
      maxItemsPerOrder: z.number(),
    }),
    serviceLines: z
      .array(z.object({ id: z.enum(SERVICE_LINES), offerings: z.number() }))
      .describe('Service lines sold in the network, with how many offerings each'),
    productOffering: z.array(CatalogOffering),
    agent: z
      .object({
        agentId: z.string(),
        name: z.string(),
        status: z.enum(['active', 'suspended']),
        validFrom: z.string(),
        validTo: z.string(),
        localNetworks: z.array(z.string()),
        serviceLines: z.array(z.enum(SERVICE_LINES)),
        offeringIds: z.array(z.string()),
        dailyOrderLimit: z.number(),
        ordersToday: z.number(),
        refusal: Refusal.optional().describe(
          'Why the agent may place no order at all now (suspended, outside its contract dates or networks, daily limit reached)',
        ),
      })
      .optional()
      .describe("The reader's contract, when the reader is an agent"),
  })
  .meta({ id: 'OfferedCatalog' });

/** Service lines whose offerings take a chosen number. */
export const NUMBERED_SERVICE_LINES = ['fixed_line', 'phs', 'gsm_mobile', 'gsm_prepaid'] as const;

export const numberPattern = z
  .string()
  .max(NUMBER_PATTERN_MAX_LENGTH)
  .superRefine((p, ctx) => {
    if (p.length > NUMBER_PATTERN_MAX_LENGTH) return; // said by max() already
    const r = parseNumberPattern(p);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason });
  });

export const FreeNumbersQuery = z.object({
  localNetwork: z.enum(LOCAL_NETWORK_IDS),
  serviceLine: z.enum(NUMBERED_SERVICE_LINES).describe('Fixed line and PHS numbers follow the network’s local plan (7 or 8 digits); mobile numbers have 11'),
  pattern: numberPattern
    .optional()
    .describe(
      'Digits and wildcards, matched against the END of the number: `?` one digit, `*` any digits (none included), at most 3 `*`, 16 characters. ' +
        '`8888` or `*8888`: ends in 8888; `*666*`: 666 anywhere; `88?88`: ends in 88, any digit, 88',
    ),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});

export const FreeNumbers = z
  .object({
    localNetwork: z.string(),
    serviceLine: z.enum(NUMBERED_SERVICE_LINES),
    plan: z.enum(NUMBER_PLANS),
    pattern: z.string().optional(),
    offset: z.number(),
    limit: z.number(),
    numbers: z.array(z.object({ number: z.string() })),
    hasMore: z.boolean().describe('Another page has numbers too'),
  })
  .meta({ id: 'FreeNumbers' });

export const NumberParams = z.object({
  number: z
    .string()
    .max(12)
    .regex(/^\d{7,12}$/, '7 to 12 digits'),
});

export const HoldNumberInput = z
  .strictObject({
    localNetwork: z.enum(LOCAL_NETWORK_IDS),
    serviceLine: z.enum(NUMBERED_SERVICE_LINES),
  })
  .meta({ id: 'HoldNumberInput' });

export const HoldHeaders = z.object({
  'idempotency-key': z.string().trim().min(8).max(128).describe('One per order form and number: a repeat returns the same hold'),
});

export const NumberHold = z
  .object({
    holdId: z.string().describe('Give it with the order, as the item characteristic numberHold, so its reservation takes the number'),
    number: z.string(),
    localNetwork: z.string(),
    serviceLine: z.enum(NUMBERED_SERVICE_LINES),
    heldUntil: z.string().describe('When the hold lapses unless an order placed with it reserves the number first'),
  })
  .meta({ id: 'NumberHold' });

export const ReleaseHoldQuery = z.object({
  localNetwork: z.enum(LOCAL_NETWORK_IDS),
  holdId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : - only'),
});
