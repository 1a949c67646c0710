// The complaint category tree (投诉分类), as data: what a complaint or fault report is about. The
// Unicom specification asks for statistics by access channel, service type and complaint category
// (接入方式、服务类型、投诉分类) and the call centre takes 投诉申告 — complaints and fault reports —
// so both carry a category; routing rules and SLA policies may name one, and the daily report
// groups by it.
//
// Ids are the node's path, dot-separated (`billing-dispute.charges.roaming`): a rule naming a node
// covers everything under it (prefix match on the path). Ids are stable — they are in work orders,
// workflow histories and reports — so a node is never renamed or moved, only added (a retired one
// stays, marked `retired`, so old work orders still show their name).
//
// Required on complaints and fault reports: a node at level 2 or deeper. The top level alone says
// too little to route or to count (network quality: a mobile signal or a broadband line?), while
// requiring a leaf makes an agent who cannot tell guess one, and a guessed leaf spoils the figures
// more than an honest level-2 node.
import type { WorkOrderType } from './work-order.js';

export interface CategoryName {
  'zh-CN': string;
  en: string;
}

export interface CategoryNode {
  id: string;
  name: CategoryName;
  children?: readonly CategoryNode[];
  /** No longer offered for new work orders; kept so older ones still show their name. */
  retired?: true;
}

const n = (id: string, zh: string, en: string, children?: CategoryNode[]): CategoryNode => ({
  id,
  name: { 'zh-CN': zh, en },
  ...(children ? { children } : {}),
});

/** The tree. Children's ids extend their parent's with one more segment. */
export const WORK_ORDER_CATEGORY_TREE: readonly CategoryNode[] = [
  n('network-quality', '网络质量', 'Network quality', [
    n('network-quality.mobile-coverage', '移动信号覆盖', 'Mobile coverage', [
      n('network-quality.mobile-coverage.no-signal', '无信号或信号弱', 'No or weak signal'),
      n('network-quality.mobile-coverage.dropped-calls', '掉话', 'Dropped calls'),
      n('network-quality.mobile-coverage.call-setup', '接通困难', 'Calls do not connect'),
    ]),
    n('network-quality.voice-quality', '通话质量', 'Voice quality', [
      n('network-quality.voice-quality.noise', '杂音、回声', 'Noise or echo'),
      n('network-quality.voice-quality.one-way', '单通', 'One-way audio'),
    ]),
    n('network-quality.fixed-line', '固话及小灵通线路', 'Fixed line and PHS', [
      n('network-quality.fixed-line.no-dial-tone', '无拨号音', 'No dial tone'),
      n('network-quality.fixed-line.line-noise', '线路杂音', 'Line noise'),
    ]),
    n('network-quality.broadband', '宽带', 'Broadband', [
      n('network-quality.broadband.no-connection', '无法上网', 'Cannot connect'),
      n('network-quality.broadband.slow', '网速慢', 'Slow'),
      n('network-quality.broadband.drops', '频繁掉线', 'Keeps dropping'),
    ]),
    n('network-quality.long-distance', '长途及IP电话', 'Long distance and IP phone'),
  ]),
  n('billing-dispute', '计费争议', 'Billing dispute', [
    n('billing-dispute.charges', '话费异议', 'Disputed charges', [
      n('billing-dispute.charges.long-distance', '长途及IP话费', 'Long-distance and IP phone charges'),
      n('billing-dispute.charges.roaming', '漫游费', 'Roaming charges'),
      n('billing-dispute.charges.data', '上网流量费', 'Data charges'),
    ]),
    n('billing-dispute.tariff', '套餐资费不符', 'Tariff not as agreed'),
    n('billing-dispute.payment', '缴费与充值', 'Payments and top-ups', [
      n('billing-dispute.payment.not-credited', '缴费未到账', 'Payment not credited'),
      n('billing-dispute.payment.top-up', '充值卡充值失败', 'Prepaid top-up failed'),
    ]),
    n('billing-dispute.bill', '账单寄送与查询', 'Bill delivery and details'),
  ]),
  n('service-attitude', '服务态度', 'Service attitude', [
    n('service-attitude.call-centre', '客服热线', 'Call centre'),
    n('service-attitude.business-hall', '营业厅', 'Business hall'),
    n('service-attitude.field-staff', '装维人员', 'Field staff'),
    n('service-attitude.agent', '代理商', 'Agent or dealer'),
  ]),
  n('value-added', '增值业务', 'Value-added services', [
    n('value-added.unrequested', '未经同意定制', 'Subscribed without consent', [
      n('value-added.unrequested.sms', '短信业务', 'SMS service'),
      n('value-added.unrequested.wap', 'WAP及彩铃', 'WAP and ring-back tones'),
    ]),
    n('value-added.unsubscribe', '无法退订', 'Cannot unsubscribe'),
    n('value-added.not-working', '业务无法使用', 'Service not working'),
  ]),
  n('number-account', '号码与账户', 'Number and account', [
    n('number-account.suspension', '停复机', 'Suspension and resumption', [
      n('number-account.suspension.wrongful', '误停机', 'Suspended in error'),
      n('number-account.suspension.not-resumed', '缴费后未复机', 'Not resumed after payment'),
    ]),
    n('number-account.ownership', '过户与号码变更', 'Ownership and number changes'),
    n('number-account.customer-data', '客户资料', 'Customer data'),
  ]),
  n('service-handling', '业务办理', 'Service handling', [
    n('service-handling.activation-delay', '开通延迟', 'Activation delayed'),
    n('service-handling.order-error', '受理差错', 'Order taken wrongly'),
    n('service-handling.installation', '装机移机', 'Installation and relocation', [
      n('service-handling.installation.missed-appointment', '预约未上门', 'Missed appointment'),
      n('service-handling.installation.overdue', '装移机超时', 'Installation overdue'),
    ]),
  ]),
  n('marketing', '营销宣传', 'Marketing', [
    n('marketing.misleading', '宣传不实', 'Misleading advertising'),
    n('marketing.promotion', '优惠未兑现', 'Promotion not honoured'),
  ]),
];

/** Types that must name a category: the 投诉申告 the call centre takes. */
export const CATEGORIZED_TYPES: readonly WorkOrderType[] = ['complaint', 'fault_report'];

/** The shallowest level a required category may be (1 = the top level). */
export const MIN_CATEGORY_LEVEL = 2;

export interface CategoryEntry {
  id: string;
  name: CategoryName;
  /** 1 for the top level. */
  level: number;
  parent?: string;
  leaf: boolean;
  retired: boolean;
}

function flatten(nodes: readonly CategoryNode[], level: number, parent: string | undefined, into: Map<string, CategoryEntry>): Map<string, CategoryEntry> {
  for (const node of nodes) {
    into.set(node.id, {
      id: node.id,
      name: node.name,
      level,
      ...(parent ? { parent } : {}),
      leaf: !node.children?.length,
      retired: node.retired === true,
    });
    flatten(node.children ?? [], level + 1, node.id, into);
  }
  return into;
}

const BY_ID: ReadonlyMap<string, CategoryEntry> = flatten(WORK_ORDER_CATEGORY_TREE, 1, undefined, new Map());

/** Every category id, tree order (parents before children). */
export const WORK_ORDER_CATEGORY_IDS: readonly string[] = [...BY_ID.keys()];

export const categoryById = (id: string): CategoryEntry | undefined => BY_ID.get(id);

/** Whether `id` is `prefix` or lies under it. */
export function isInCategory(id: string | undefined, prefix: string): boolean {
  return id !== undefined && (id === prefix || id.startsWith(`${prefix}.`));
}

/** The top-level branch a category lies in (what the daily report groups by). */
export const topCategoryOf = (id: string): string => id.split('.')[0]!;

/** The names from the top down: ['计费争议', '话费异议', '漫游费']. */
export function categoryPath(id: string, lang: keyof CategoryName = 'zh-CN'): string[] {
  const out: string[] = [];
  for (let e = BY_ID.get(id); e; e = e.parent ? BY_ID.get(e.parent) : undefined) out.unshift(e.name[lang]);
  return out;
}

/**
 * Why a new work order's category is not acceptable, or undefined when it is: required (level 2 or
 * deeper) on complaints and fault reports, optional on the rest; always a known, current node.
 */
export function categoryProblem(type: WorkOrderType, category: string | undefined): string | undefined {
  if (category === undefined) {
    return CATEGORIZED_TYPES.includes(type)
      ? `a ${type} needs a category (a node at level ${MIN_CATEGORY_LEVEL} or deeper of GET /workOrderCategory)`
      : undefined;
  }
  const entry = BY_ID.get(category);
  if (!entry) return `no category "${category}" (see GET /workOrderCategory)`;
  if (entry.retired) return `category ${category} is retired`;
  if (entry.level < MIN_CATEGORY_LEVEL) {
    const below = WORK_ORDER_CATEGORY_IDS.filter((id) => BY_ID.get(id)!.parent === category);
    return `category ${category} is a top-level branch; choose one under it (${below.join(', ')})`;
  }
  return undefined;
}

/** Problems with a tree (for one loaded from configuration): empty when it is usable. */
export function validateCategoryTree(tree: readonly CategoryNode[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const walk = (nodes: readonly CategoryNode[], parent: string | undefined, level: number) => {
    for (const node of nodes) {
      if (seen.has(node.id)) problems.push(`${node.id}: id used twice`);
      seen.add(node.id);
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(node.id)) problems.push(`${node.id}: lower-case words and - only, levels separated by .`);
      if (parent !== undefined ? !node.id.startsWith(`${parent}.`) || node.id.split('.').length !== level : node.id.includes('.')) {
        problems.push(`${node.id}: the id must be its parent's id and one more segment`);
      }
      if (level > 3) problems.push(`${node.id}: at most three levels`);
      if (!node.name['zh-CN'].trim() || !node.name.en.trim()) problems.push(`${node.id}: needs a zh-CN and an English name`);
      walk(node.children ?? [], node.id, level + 1);
    }
  };
  walk(tree, undefined, 1);
  return problems;
}
