// A work order as a TMF621 Trouble Ticket v5.0.0 (the published document's TroubleTicket), from its
// snapshot alone. Pure: the API's answers and the event deliverer's TroubleTicket*Event bodies,
// rendered from stored snapshots, come from this one function and never disagree.
//
// Where the published document disagrees with itself, the schema wins and the examples' word is
// added where it costs nothing: `lastUpdateDate` (schema) and `lastUpdate` (examples); the status
// history is the schema's `statusChange`. Service line and local networks have no place in v5's
// TroubleTicket: they travel as `troubleTicketCharacteristic` (extra attributes are allowed), and so
// does the category (v5's ticketType already carries the work-order type).
import type { WorkOrderView } from '../../contracts/work-order.js';
import {
  WORK_ORDER_STATES,
  severityOf,
  type Priority,
  type Severity,
  type TimelineEntry,
  type WorkOrderSnapshot,
  type WorkOrderState,
  type WorkOrderType,
} from '../../domain/work-order.js';
import { TMF621_BASE, TMF622_BASE, withBaseTypes } from '../tmf.js';
import { deadlinesOfView } from './trouble-ticket.js';

// ---- Vocabulary ----------------------------------------------------------------------------------

/** TMF621 v5 TroubleTicketStatusType. */
export const TROUBLE_TICKET_STATUSES = ['acknowledged', 'rejected', 'pending', 'held', 'inProgress', 'cancelled', 'closed', 'resolved'] as const;
export type TroubleTicketStatus = (typeof TROUBLE_TICKET_STATUSES)[number];

/** The work-order types in TMF's manner (camelCase codes). */
export const TICKET_TYPE_OF: Record<WorkOrderType, string> = {
  complaint: 'complaint',
  fault_report: 'faultReport',
  inquiry: 'inquiry',
  service_request: 'serviceRequest',
  suggestion: 'suggestion',
};
/** Priority and severity as the specification writes them ("Critical, High, Medium, Low"; "Critical, Major, Minor"). */
export const capitalized = <T extends Priority | Severity>(v: T) => `${v[0]!.toUpperCase()}${v.slice(1)}`;

/**
 * A work-order state in TMF621's words. `reopened` is not one: a reopened work order is inProgress
 * again — and stays so when it is dispatched anew (the domain's acknowledged), since TMF has no way
 * back to acknowledged once the work has started.
 */
function statusOfState(state: WorkOrderState, reopened: boolean): TroubleTicketStatus {
  if (state === 'reopened' || (state === 'acknowledged' && reopened)) return 'inProgress';
  return state;
}

export const troubleTicketStatusOf = (s: Pick<WorkOrderSnapshot, 'state' | 'reopenCount'>): TroubleTicketStatus => statusOfState(s.state, s.reopenCount > 0);

/** The work-order states (and whether reopened) a TMF status stands for: what a list filters on. */
export function statesOfStatus(status: TroubleTicketStatus): Array<{ state: WorkOrderState; reopened: boolean }> {
  return WORK_ORDER_STATES.flatMap((state) => [false, true].map((reopened) => ({ state, reopened }))).filter(
    (c) => statusOfState(c.state, c.reopened) === status,
  );
}

/**
 * "Information required" (TroubleTicketInformationRequiredEvent) is the work order waiting on the
 * customer: phase `pending`, entered by waitOnCustomer — its reason (the statusChangeReason) says
 * what is needed — and left by customerResponded (PATCH status inProgress); the SLA clock is
 * paused meanwhile.
 */
export const isInformationRequired = (s: Pick<WorkOrderSnapshot, 'phase'>) => s.phase === 'pending';

// ---- The resource --------------------------------------------------------------------------------

interface Ref {
  id: string;
  href?: string;
  name?: string;
  role?: string;
  '@type': string;
  '@referredType'?: string;
}

export interface StatusChangeV5 {
  status: TroubleTicketStatus;
  changeDate: string;
  changeReason?: string;
  '@type': 'StatusChange';
}

export interface NoteV5 {
  id: string;
  author: string;
  date: string;
  text: string;
  '@type': 'Note';
}

// A type, not an interface: selectFields takes it as a plain record.
export type TroubleTicketV5 = {
  id: string;
  href: string;
  '@type': 'TroubleTicket';
  name?: string;
  description: string;
  ticketType: string;
  severity: string;
  priority: string;
  status: TroubleTicketStatus;
  statusChangeDate: string;
  statusChangeReason?: string;
  creationDate: string;
  lastUpdateDate: string;
  lastUpdate: string;
  expectedResolutionDate?: string;
  resolutionDate?: string;
  channel: Ref;
  relatedParty: Ref[];
  relatedEntity: Ref[];
  note: NoteV5[];
  attachment: Array<Ref & { url?: string; description?: string }>;
  statusChange: StatusChangeV5[];
  troubleTicketCharacteristic: Array<{ name: string; value: string; valueType: 'string'; '@type': 'StringCharacteristic'; '@baseType': 'Characteristic' }>;
};

/** The first-level attributes a ticket has (`fields` names only these). */
export const TROUBLE_TICKET_FIELDS: readonly string[] = [
  'id',
  'href',
  '@type',
  'name',
  'description',
  'ticketType',
  'severity',
  'priority',
  'status',
  'statusChangeDate',
  'statusChangeReason',
  'creationDate',
  'lastUpdateDate',
  'lastUpdate',
  'expectedResolutionDate',
  'resolutionDate',
  'channel',
  'relatedParty',
  'relatedEntity',
  'note',
  'attachment',
  'statusChange',
  'troubleTicketCharacteristic',
] satisfies readonly (keyof TroubleTicketV5)[];

export interface TroubleTicketV5Options {
  /** Scheme, host and any prefix this API is reached at (API_PUBLIC_URL), without the TMF base path. */
  baseUrl: string;
}

export const troubleTicketHref = (baseUrl: string, id: string) => `${baseUrl}${TMF621_BASE}/troubleTicket/${id}`;

const iso = (ms: number) => new Date(ms).toISOString();

export function presentTroubleTicketV5(s: WorkOrderSnapshot | WorkOrderView, opts: TroubleTicketV5Options): TroubleTicketV5 {
  const history = statusChangesOf(s);
  const last = history[history.length - 1]!;
  const deadlines = deadlinesOfView(s);
  const ticket: TroubleTicketV5 = {
    id: s.id,
    href: troubleTicketHref(opts.baseUrl, s.id),
    '@type': 'TroubleTicket',
    name: s.name,
    description: s.description,
    ticketType: TICKET_TYPE_OF[s.type],
    severity: capitalized(severityOf(s)),
    priority: capitalized(s.priority),
    status: last.status,
    statusChangeDate: last.changeDate,
    statusChangeReason: last.changeReason,
    creationDate: iso(s.createdAt),
    lastUpdateDate: iso(s.updatedAt),
    lastUpdate: iso(s.updatedAt),
    expectedResolutionDate: deadlines?.resolveBy === undefined ? undefined : iso(deadlines.resolveBy),
    resolutionDate: s.resolvedAt === undefined ? undefined : iso(s.resolvedAt),
    channel: { id: s.channel, name: s.channel, '@type': 'ChannelRef', '@referredType': 'Channel' },
    relatedParty: [
      { id: s.customer.id, role: 'customer', '@type': 'RelatedParty', '@referredType': 'Customer' },
      // Without a reporter of its own, whoever took it reported it (an agent, a partner system).
      { ...(s.reporter ?? { id: s.timeline[0]?.actor.id ?? 'unknown' }), role: 'reporter', '@type': 'RelatedParty', '@referredType': 'Individual' },
    ],
    relatedEntity: [
      ...(s.relatedOrderId
        ? [
            {
              id: s.relatedOrderId,
              href: `${opts.baseUrl}${TMF622_BASE}/productOrder/${s.relatedOrderId}`,
              role: 'productOrder',
              '@type': 'RelatedEntity',
              '@referredType': 'ProductOrder',
            },
          ]
        : []),
      ...(s.subscriptionId ? [{ id: s.subscriptionId, role: 'subscription', '@type': 'RelatedEntity', '@referredType': 'Product' }] : []),
    ],
    note: s.timeline.flatMap((e, i) => (e.action === 'note' ? [noteOf(e, i)] : [])),
    attachment: (s.attachments ?? []).map((a) => ({ ...a, '@type': 'AttachmentRef', '@referredType': 'Attachment' })),
    statusChange: history,
    troubleTicketCharacteristic: [
      characteristic('serviceLine', s.serviceLine),
      characteristic('takenInLocalNetwork', s.takenInLocalNetwork),
      ...(s.category ? [characteristic('category', s.category)] : []),
      // A roaming complaint is handled where the customer is at home.
      ...(s.forwardedTo ? [characteristic('handlingLocalNetwork', s.forwardedTo)] : []),
    ],
  };
  // Absent attributes are left out, not null (and the deliverer's JSON never carries undefined).
  for (const key of Object.keys(ticket) as (keyof TroubleTicketV5)[]) if (ticket[key] === undefined) delete ticket[key];
  return withBaseTypes(ticket);
}

/**
 * TMF621's InformationRequiredEvent for a work order waiting on the customer (undefined otherwise):
 * the customer is asked for a note (the statusChangeReason says what it must tell).
 */
export function presentInformationRequiredV5(s: WorkOrderSnapshot | WorkOrderView, opts: TroubleTicketV5Options) {
  if (!isInformationRequired(s)) return undefined;
  return {
    id: s.id,
    href: troubleTicketHref(opts.baseUrl, s.id),
    '@type': 'TroubleTicket',
    informationRequiredPath: [{ op: 'add' as const, path: '/note/-' }],
  };
}

const characteristic = (name: string, value: string) =>
  ({ name, value, valueType: 'string', '@type': 'StringCharacteristic', '@baseType': 'Characteristic' }) as const;

/** A note's id: the TMF client's own, else its place in the timeline (append-only, so stable). */
export const noteIdOf = (e: TimelineEntry, index: number) => (typeof e.details?.noteId === 'string' ? e.details.noteId : `note-${index}`);

function noteOf(e: TimelineEntry, index: number): NoteV5 {
  const d = e.details ?? {};
  const author = [d.author, d.department, e.actor.id].find((a): a is string => typeof a === 'string');
  return { id: noteIdOf(e, index), author: author!, date: iso(e.at), text: String(d.text ?? ''), '@type': 'Note' };
}

/**
 * The status history, read off the timeline: the entries that changed the state, in TMF's words
 * (several domain states are one TMF status: only real changes count). A snapshot recorded before
 * entries carried their state shows its current status as of its last change.
 */
function statusChangesOf(s: WorkOrderSnapshot): StatusChangeV5[] {
  const out: StatusChangeV5[] = [{ status: 'acknowledged', changeDate: iso(s.createdAt), changeReason: 'created', '@type': 'StatusChange' }];
  let reopened = false;
  for (const e of s.timeline) {
    reopened ||= e.action === 'reopen';
    if (e.state === undefined) continue;
    const status = statusOfState(e.state, reopened);
    if (status !== out[out.length - 1]!.status) out.push({ status, changeDate: iso(e.at), changeReason: reasonOf(e), '@type': 'StatusChange' });
  }
  const now = troubleTicketStatusOf(s);
  if (now !== out[out.length - 1]!.status) out.push({ status: now, changeDate: iso(s.updatedAt), '@type': 'StatusChange' });
  return out;
}

/** What happened, for the events that change the status without words of their own. */
const ACTION_WORDS: Record<string, string> = {
  accept: 'accepted by the department',
  dispatch: 'dispatched to a department',
  transfer: 'transferred to another department',
  recordSatisfaction: 'the customer is satisfied',
  autoClose: 'no answer from the customer',
  closeInstallation: 'installation reported to its order',
};

/** Why: the event's own words (reason, notes, comment), else what happened. */
function reasonOf(e: TimelineEntry): string {
  const d = e.details ?? {};
  const why = [d.reason, d.notes, d.comment, d.message].find((w): w is string => typeof w === 'string' && w !== '');
  if (e.action === 'reopen') return why ? `reopened: ${why}` : 'reopened';
  return why ?? ACTION_WORDS[e.action] ?? e.action;
}
