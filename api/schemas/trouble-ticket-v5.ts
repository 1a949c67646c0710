// TMF621 Trouble Ticket v5.0.0 request schemas, as published (TroubleTicket_FVO to create,
// TroubleTicket_MVO to merge-patch): the attributes this system acts on or keeps and shows back.
// Objects are strict: an attribute the specification does not have is refused with 400 naming it,
// and one it has that we do not take is refused saying why — never dropped. Enumerated words are
// taken in any letter case ("High", "high"), since the specification writes them both ways.
import { z } from 'zod';
import { SERVICE_LINES } from '../../domain/catalog.js';
import { LOCAL_NETWORK_IDS } from '../../domain/local-networks.js';
import { CHANNELS, MAX_TEXT, PRIORITIES, SEVERITIES, WORK_ORDER_TYPES, type Priority, type Severity, type WorkOrderType } from '../../domain/work-order.js';
import { TICKET_TYPE_OF, TROUBLE_TICKET_STATUSES, type TroubleTicketStatus } from '../presenters/trouble-ticket-v5.js';
import { FieldsParam, PagingParams } from '../tmf.js';
import type { WorkOrderRequest } from '../work-order-desk.js';
import { categoryId, id } from './work-order.js';
import { categoryProblem } from '../../domain/work-order-categories.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const url = z.string().trim().min(1).max(2000);

/** One of `words` (keys in lower case, without spaces, `_` or `-`), written in any case; `shown` in messages. */
function word<T extends string>(words: Record<string, T>, what: string, shown: readonly string[]) {
  const known = shown.join(', ');
  return z
    .string()
    .max(40)
    .transform((v, ctx) => {
      const hit = words[v.toLowerCase().replace(/[\s_-]/g, '')];
      if (hit === undefined) ctx.addIssue({ code: 'custom', message: `${what}: one of ${known} (any letter case)` });
      return hit ?? z.NEVER;
    })
    .describe(`${what}: one of ${known} (any letter case)`);
}
const wordsOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v.toLowerCase(), v])) as Record<string, T>;

export const PriorityWord = word(wordsOf<Priority>(PRIORITIES), 'priority', PRIORITIES);
export const SeverityWord = word(wordsOf<Severity>(SEVERITIES), 'severity', SEVERITIES);
export const StatusWord = word(wordsOf<TroubleTicketStatus>(TROUBLE_TICKET_STATUSES), 'status', TROUBLE_TICKET_STATUSES);
export const TicketTypeWord = word<WorkOrderType>(
  {
    ...Object.fromEntries(WORK_ORDER_TYPES.map((t) => [TICKET_TYPE_OF[t].toLowerCase(), t])),
    // The specification's own examples of a ticket type ("incident, complain, request").
    incident: 'fault_report',
    complain: 'complaint',
    request: 'service_request',
  },
  'ticketType',
  Object.values(TICKET_TYPE_OF),
);

/** The priority a ticket gets from its severity when the client states none (TMF: set considering the severity). */
const PRIORITY_OF_SEVERITY: Record<Severity, Priority> = { critical: 'critical', major: 'high', minor: 'medium' };

/** Attributes of the specification a request may not set, each refused with why. */
function refused<K extends string>(keys: readonly K[], why: string) {
  return Object.fromEntries(keys.map((k) => [k, z.never({ error: why }).optional()])) as Record<K, z.ZodOptional<z.ZodNever>>;
}

const Note = z.strictObject({
  id: id.optional(),
  text: text(MAX_TEXT),
  author: text(200).optional(),
  // Echoed back by clients that copy a ticket's notes; the ticket's own clock dates a new note.
  date: z.iso.datetime({ offset: true }).optional(),
  '@type': z.literal('Note').optional(),
});

const RelatedParty = z.strictObject({
  id,
  href: url.optional(),
  name: text(200).optional(),
  role: text(40).describe('customer (exactly one) or reporter (at most one), any letter case'),
  '@type': z.literal('RelatedParty').optional(),
  '@referredType': text(60).optional(),
});

const RelatedEntity = z.strictObject({
  id,
  href: url.optional(),
  name: text(200).optional(),
  role: text(40),
  '@type': z.literal('RelatedEntity').optional(),
  '@referredType': z.enum(['ProductOrder', 'Product'], { error: 'ProductOrder (the order concerned) or Product (the subscription concerned)' }),
});

const AttachmentRef = z.strictObject({
  '@type': z.literal('AttachmentRef', { error: 'only references to attachments (AttachmentRef) are taken, not their content' }),
  id,
  href: url.optional(),
  url: url.optional(),
  name: text(200).optional(),
  description: text(MAX_TEXT).optional(),
  '@referredType': text(60).optional(),
});

const characteristicOf = <N extends string, V extends z.ZodType>(name: N, value: V) =>
  z.strictObject({
    name: z.literal(name),
    value,
    id: id.optional(),
    valueType: z.literal('string').optional(),
    '@type': z.enum(['StringCharacteristic', 'Characteristic']).optional(),
    '@baseType': z.literal('Characteristic').optional(),
  });
/**
 * What v5's TroubleTicket has no attribute for: the service line, the local network where it was
 * taken, and the category (v5's only business classification, ticketType, already says complaint,
 * faultReport…: the category tree goes beside it, as the characteristic `category`).
 */
const Characteristic = z.discriminatedUnion(
  'name',
  [
    characteristicOf('serviceLine', z.enum(SERVICE_LINES)),
    characteristicOf('takenInLocalNetwork', z.enum(LOCAL_NETWORK_IDS).describe('Where it was taken (a roaming complaint goes to the home network)')),
    characteristicOf('category', categoryId),
  ],
  { error: 'troubleTicketCharacteristic: serviceLine, takenInLocalNetwork or category' },
);

const ChannelRef = z.strictObject({
  id: z.enum(CHANNELS).exclude(['system']),
  href: url.optional(),
  name: text(80).optional(),
  '@type': z.literal('ChannelRef').optional(),
  '@referredType': z.literal('Channel').optional(),
});

/** What a created ticket is, in the desk's terms, and where in the request its customer was named. */
export type TroubleTicketRequest = WorkOrderRequest & { customerField: string };

/** TroubleTicket_FVO. */
export const CreateTroubleTicketV5 = z
  .strictObject({
    '@type': z.literal('TroubleTicket').optional(),
    '@baseType': z.literal('TroubleTicket').optional(),
    name: text(200).optional(),
    description: text(4000),
    ticketType: TicketTypeWord,
    severity: SeverityWord,
    priority: PriorityWord.optional().describe('Critical, High, Medium or Low; without it, from the severity'),
    status: z.literal('acknowledged', { error: 'a new trouble ticket is acknowledged' }).optional(),
    channel: ChannelRef,
    relatedParty: z.array(RelatedParty).min(1).max(10),
    relatedEntity: z.array(RelatedEntity).max(10).optional(),
    note: z.array(Note).max(20).optional(),
    attachment: z.array(AttachmentRef).max(10).optional(),
    troubleTicketCharacteristic: z.array(Characteristic).max(10),
    ...refused(
      ['id', 'href', 'creationDate', 'lastUpdateDate', 'expectedResolutionDate', 'resolutionDate', 'statusChange', 'statusChangeDate'],
      'set by the ticket system',
    ),
    ...refused(['externalIdentifier', 'requestedResolutionDate', 'troubleTicketRelationship', '@schemaLocation'], 'not supported by this API'),
  })
  .transform((b, ctx): TroubleTicketRequest => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const roles = b.relatedParty.map((p) => p.role.toLowerCase());
    roles.forEach((r, i) => r !== 'customer' && r !== 'reporter' && issue(['relatedParty', i, 'role'], 'customer or reporter'));
    const customerAt = roles.indexOf('customer');
    if (customerAt < 0 || roles.lastIndexOf('customer') !== customerAt) issue(['relatedParty'], 'exactly one party with role customer');
    if (roles.indexOf('reporter') !== roles.lastIndexOf('reporter')) issue(['relatedParty'], 'at most one party with role reporter');
    const entities = b.relatedEntity ?? [];
    const entity = (type: string) => {
      const found = entities.filter((e) => e['@referredType'] === type);
      if (found.length > 1) issue(['relatedEntity'], `at most one ${type}`);
      return found[0]?.id;
    };
    const once = <T>(name: string, values: T[]) => {
      if (values.length !== 1) issue(['troubleTicketCharacteristic'], `exactly one ${name}`);
      return values[0];
    };
    const chars = b.troubleTicketCharacteristic;
    const serviceLine = once(
      'serviceLine',
      chars.flatMap((c) => (c.name === 'serviceLine' ? [c.value] : [])),
    );
    const takenInLocalNetwork = once(
      'takenInLocalNetwork',
      chars.flatMap((c) => (c.name === 'takenInLocalNetwork' ? [c.value] : [])),
    );
    const categories = chars.flatMap((c) => (c.name === 'category' ? [c.value] : []));
    if (categories.length > 1) issue(['troubleTicketCharacteristic'], 'at most one category');
    const category = categories[0];
    const problem = categoryProblem(b.ticketType, category);
    if (problem) issue(['troubleTicketCharacteristic'], `category: ${problem}`);
    const relatedOrderId = entity('ProductOrder');
    const subscriptionId = entity('Product');
    if (ctx.issues.length || !serviceLine || !takenInLocalNetwork) return z.NEVER;
    const reporter = b.relatedParty.find((_, i) => roles[i] === 'reporter');
    return {
      type: b.ticketType,
      channel: b.channel.id,
      priority: b.priority ?? PRIORITY_OF_SEVERITY[b.severity],
      severity: b.severity,
      customerId: b.relatedParty[customerAt]!.id,
      customerField: `relatedParty[${customerAt}].id`,
      takenInLocalNetwork,
      serviceLine,
      ...(category ? { category } : {}),
      description: b.description,
      ...(b.name ? { name: b.name } : {}),
      ...(relatedOrderId ? { relatedOrderId } : {}),
      ...(subscriptionId ? { subscriptionId } : {}),
      ...(reporter ? { reporter: { id: reporter.id, ...(reporter.name ? { name: reporter.name } : {}) } } : {}),
      ...(b.attachment?.length ? { attachments: b.attachment.map(({ '@type': _t, '@referredType': _r, ...a }) => a) } : {}),
      ...(b.note?.length ? { notes: b.note.map((n) => ({ text: n.text, ...(n.id ? { noteId: n.id } : {}), ...(n.author ? { author: n.author } : {}) })) } : {}),
    };
  })
  .meta({ id: 'TroubleTicket_FVO' });

/** TroubleTicket_MVO, as merge-patch: status (with its reason), priority and notes change; the rest is the ticket system's or fixed. */
export const PatchTroubleTicketV5 = z
  .strictObject({
    status: StatusWord.optional(),
    statusChangeReason: text(MAX_TEXT).optional(),
    priority: PriorityWord.optional(),
    // A merge-patch replaces the list: notes it does not have yet are added (by id, else by text);
    // notes are never removed nor rewritten.
    note: z
      .array(Note.extend({ text: text(MAX_TEXT).optional() }))
      .max(50)
      .optional(),
    ...refused(
      [
        'attachment',
        'channel',
        'creationDate',
        'description',
        'expectedResolutionDate',
        'externalIdentifier',
        'lastUpdateDate',
        'name',
        'relatedEntity',
        'relatedParty',
        'requestedResolutionDate',
        'resolutionDate',
        'severity',
        'statusChange',
        'statusChangeDate',
        'ticketType',
        'troubleTicketRelationship',
      ],
      'cannot be changed (status, statusChangeReason, priority and note can)',
    ),
  })
  .meta({ id: 'TroubleTicket_MVO' });

export const TroubleTicketV5IdParams = z.object({ id });
export const GetTroubleTicketV5Query = z.object({ fields: FieldsParam });
/** TMF630 paging and attribute selection, and filters by TMF's attribute names. */
export const ListTroubleTicketsV5Query = z.object({
  fields: FieldsParam,
  ...PagingParams,
  status: StatusWord.optional(),
  ticketType: TicketTypeWord.optional(),
  priority: PriorityWord.optional(),
  severity: SeverityWord.optional(),
  'relatedParty.id': id.optional().describe('the customer'),
});

/** The answer: TroubleTicket (validated against the published document in the tests; loose here). */
export const TroubleTicketV5 = z
  .object({ id: z.string(), href: z.string(), '@type': z.literal('TroubleTicket'), status: z.enum(TROUBLE_TICKET_STATUSES) })
  .loose()
  .meta({ id: 'TroubleTicketV5' });
