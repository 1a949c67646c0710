// The national centre's own queue (全国客户服务管理中心), as the customer-service specification
// (seeds/004, 2.1) gives its duties: it "sets up complaint seats that take customers' complaints about
// service quality" (设置投诉申告受理坐席,受理客户对服务质量的投诉和申告) and "handles the complaints the
// province centres submit for headquarters to coordinate" (处理省中心提交的需总部协调解决的客户投诉).
// So two ways in, both as data and pure rules here:
//   - a complaint about a national service goes to the national centre directly (a routing rule on
//     the complaint's `nationalService`), under the national centre's SLA;
//   - the province centre hands a complaint or fault report it holds over for coordination
//     (转全国中心协调): the national centre takes the province's share with its own SLA window, and the
//     province keeps following the work order and is told of each step the national centre takes.
import type { CustomerTier } from './customer.js';
import { departmentById, escalationTarget, type Department } from './departments.js';
import type { LocalNetworkId } from './local-networks.js';
import type { SlaPolicy } from './sla.js';
import type { Actor, TimelineEntry, WorkOrderSnapshot, WorkOrderType } from './work-order.js';

/** The national centre's department: its desk's worklist is the national queue. */
export const NATIONAL_CENTRE = 'national-service-centre';

/**
 * What a complaint "about the national service" is about: services the national centre answers for,
 * not one local network — the quality of the national customer-service hotline and its seats, roaming
 * across provinces, inter-provincial and international long distance, and offers sold nationwide.
 */
export const NATIONAL_SERVICES = ['hotline', 'roaming', 'long_distance', 'national_offer'] as const;
export type NationalService = (typeof NATIONAL_SERVICES)[number];

/** Work-order types the national centre takes, directly or by a hand-over: complaints (投诉), and by hand-over fault reports (申告) too. */
export const NATIONAL_DIRECT_TYPES: readonly WorkOrderType[] = ['complaint'];
export const HAND_OVER_TYPES: readonly WorkOrderType[] = ['complaint', 'fault_report'];

/** A complaint that goes straight to the national centre: one about a national service. */
export function isNationalServiceComplaint(o: { type: WorkOrderType; nationalService?: NationalService }): boolean {
  return o.nationalService !== undefined && NATIONAL_DIRECT_TYPES.includes(o.type);
}

// ---- SLA ----------------------------------------------------------------------------------------

const HOUR = 3_600_000;

/**
 * The national centre's windows, in business hours (a 9-hour working day). The seeds give no figures:
 * these are the project's. A complaint about a national service gets longer than a local one (it
 * involves the national platforms), a case handed over for coordination longer again (other provinces
 * or headquarters' departments are involved); higher tiers are answered sooner.
 * Per tier: [accept within, resolve within] in business hours.
 */
const NATIONAL_SLA: Record<'complaint' | 'coordination', { escalateEveryHours: number; hours: Record<CustomerTier, [number, number]> }> = {
  complaint: { escalateEveryHours: 9, hours: { ordinary: [4, 36], silver: [4, 27], gold: [2, 18], vip: [1, 9] } },
  coordination: { escalateEveryHours: 18, hours: { ordinary: [9, 45], silver: [9, 36], gold: [4, 27], vip: [2, 18] } },
};

function nationalPolicy(kind: keyof typeof NATIONAL_SLA, type: WorkOrderType, tier: CustomerTier): SlaPolicy {
  const d = NATIONAL_SLA[kind];
  const [accept, resolve] = d.hours[tier];
  return {
    id: `national-${kind}/${type}/${tier}`,
    type,
    tier,
    clock: 'business',
    acceptWithinMs: accept * HOUR,
    resolveWithinMs: resolve * HOUR,
    escalateEveryMs: d.escalateEveryHours * HOUR,
    urgeBefore: { fraction: 0.2 },
  };
}

/** The national centre's SLA for a complaint about a national service. */
export const nationalComplaintPolicy = (tier: CustomerTier): SlaPolicy => nationalPolicy('complaint', 'complaint', tier);

/** The window the national centre gets for a case handed over for coordination, counted from the hand-over. */
export const coordinationPolicy = (type: WorkOrderType, tier: CustomerTier): SlaPolicy => nationalPolicy('coordination', type, tier);

// ---- The hand-over ------------------------------------------------------------------------------

/** A province centre's hand-over of the work order to the national centre for coordination. */
export interface HandOver {
  /** The province department that handed it over: told of each step the national centre takes. */
  from: string;
  to: string;
  by: string;
  at: number;
  reason: string;
  /** The round of the closed loop it was handed over in: once per round. */
  round: number;
  /** The round's SLA policy before the hand-over (a reopened round goes back to it). */
  policyBefore: SlaPolicy;
}

/** The level the actor works at for a hand-over: a department's own, a supervisor's (city when unset); none for other roles. */
function actingLevel(actor: Actor): string | undefined {
  const own = actor.department === undefined ? undefined : departmentById(actor.department);
  if (actor.role === 'department') return own?.level;
  return actor.role === 'supervisor' ? (actor.level ?? own?.level ?? 'city') : undefined;
}

/** Only the province centre hands over: its departments' staff, or a supervisor at the province level. */
export function mayHandOver(actor: Actor): boolean {
  return actingLevel(actor) === 'province';
}

/**
 * The province department a hand-over is from, or why the work order is not the province's to hand
 * over: its staff hand over an assignment their department holds (`provinceHolders`: the province
 * departments owing the order something); a province supervisor one such department's assignment, or a
 * work order escalated to the province (from the province service centre).
 */
export function handOverSource(
  s: Pick<WorkOrderSnapshot, 'escalationLevel' | 'takenInLocalNetwork' | 'forwardedTo'>,
  actor: Actor,
  provinceHolders: readonly string[],
): { from: string } | { refused: 'FORBIDDEN' | 'WRONG_STATE'; why: string } {
  if (actor.role === 'department') {
    return actor.department !== undefined && provinceHolders.includes(actor.department)
      ? { from: actor.department }
      : { refused: 'FORBIDDEN', why: `the work order is not assigned to ${actor.department}` };
  }
  if (provinceHolders[0] !== undefined) return { from: provinceHolders[0] };
  if (s.escalationLevel !== 'province') {
    return { refused: 'WRONG_STATE', why: `the work order is at the ${s.escalationLevel} level, not the province's: escalate it first` };
  }
  const own: Department | undefined = actor.department === undefined ? undefined : departmentById(actor.department);
  const network: LocalNetworkId = s.forwardedTo ?? s.takenInLocalNetwork;
  return { from: own?.level === 'province' ? own.id : escalationTarget('province', network).id };
}

/**
 * The timeline entries the province is told of after a hand-over: each step the national centre takes
 * (accept, notes, receipt, return) and the work order's end (closed or cancelled, by whoever) —
 * those at index `from` and later, after the hand-over's own entry.
 */
export function provinceNotices(s: Pick<WorkOrderSnapshot, 'timeline'> & { handOver?: HandOver }, from: number): { index: number; text: string }[] {
  const h = s.handOver;
  if (!h) return [];
  const handOverIndex = s.timeline.findLastIndex((e) => e.action === 'handOver');
  const out: { index: number; text: string }[] = [];
  for (let i = Math.max(from, handOverIndex + 1); i < s.timeline.length; i++) {
    const e = s.timeline[i]!;
    if (isNationalStep(e, h) || e.state === 'closed' || e.state === 'cancelled') out.push({ index: i, text: noticeText(e, h) });
  }
  return out;
}

const isNationalStep = (e: TimelineEntry, h: HandOver) => e.actor.department === h.to && e.actor.role === 'department';

function noticeText(e: TimelineEntry, h: HandOver): string {
  const by = isNationalStep(e, h) ? 'the national centre' : e.actor.role;
  const state = e.state ? ` (now ${e.state})` : '';
  return `handed over for coordination: ${e.action} by ${by}${state}`;
}
