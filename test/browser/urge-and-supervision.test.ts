// Issue 15 on the workbench, in a real browser on the real stack: the call centre urges (催办) a
// work order from its view when the customer calls again (the API then counts it and has raised its
// priority); the department sees the urge and the supervision (督办) a supervisor placed through the
// API, marked on its worklist, and answers it with the reply form (the API then has the reply, in
// English); an account manager (客户经理) signs in, lands on their customers' work orders, urges
// their VIP customer's one, is refused another customer's, and takes a new one for their customer
// (channel account_manager); the province centre's department hands a work order over to the
// national centre (转全国中心协调) after confirming. Every page passes the accessibility check.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { seriousAccessibilityViolations, signIn, startBrowserStack, type BrowserStack } from '../../harness/browser.js';
import { DEFAULT_TEST_CATEGORY, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';
import { insertStaff } from '../../db/staff.js';
import { DEVELOPMENT_PASSWORD } from '../../domain/staff.js';
import { hashPassword } from '../../platform/passwords.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';

const CARE = 'dalian-customer-care';
const PROVINCE = 'liaoning-service-centre';
const NATIONAL = 'national-service-centre';
let stack: BrowserStack;
let callCentre: string;
let supervisor: string;
let ordinary: SeededCustomer;
let vip: SeededCustomer;

beforeAll(async () => {
  stack = await startBrowserStack();
  callCentre = stack.sys.token({ roles: ['call-centre'], sub: 'browser-urge-agent', localNetworks: ['dalian'] });
  supervisor = stack.sys.token({
    roles: ['supervisor'],
    sub: 'browser-urge-supervisor',
    localNetworks: ['dalian'],
    department: 'dalian-service-centre',
    level: 'city',
  });
  // Offsets other browser files do not use: their work orders stay theirs on the shared database.
  ordinary = await findCustomer(stack.sys, "c.kind = 'individual' and c.home_local_network = 'dalian' and c.tier <> 'vip'", 17);
  vip = await findCustomer(
    stack.sys,
    "c.home_local_network = 'dalian' and c.tier = 'vip' and exists (select 1 from account_manager m where m.customer_id = c.id and m.username = 'am.dalian')",
  );
}, 120_000);
afterAll(async () => stack?.stop());

const api = () => request(stack.sys.app);
const ticket = async (id: string) => (await api().get(`/troubleTicket/${id}`).set('authorization', `Bearer ${callCentre}`)).body;
const toast = (page: Page, text: string) => page.locator('.ant-message').getByText(text, { exact: true }).waitFor();

/** The category's names from the top of the tree down, as the pages show them. */
async function categoryText(id: string, lang: 'zh-CN' | 'en'): Promise<string> {
  type Node = { id: string; name: Record<'zh-CN' | 'en', string>; children?: Node[] };
  const tree = (await api().get('/workOrderCategory').set('authorization', `Bearer ${callCentre}`)).body as { categories: Node[] };
  const path = (nodes: Node[]): Node[] | undefined => {
    for (const n of nodes) {
      if (n.id === id) return [n];
      const below = path(n.children ?? []);
      if (below) return [n, ...below];
    }
    return undefined;
  };
  return path(tree.categories)!
    .map((n) => n.name[lang])
    .join(' / ');
}

describe('urging and supervision on the desks', () => {
  let id: string;

  it('the call centre urges a work order when the customer calls again: counted, its priority raised', async () => {
    const taken = await takeWorkOrder(stack.sys, callCentre, ordinary, { description: 'browser urge: the customer calls again' });
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ priority: 'medium', assignees: [CARE] });
    id = taken.body.id;

    const page = await stack.newPage();
    await signIn(page, 'callcentre.dalian', zhCN);
    await page.waitForURL('**/app/call-centre');
    await page.goto(`/app/call-centre/work-orders/${encodeURIComponent(id)}`);
    await page.getByRole('heading', { level: 1, name: `工单 ${id}` }).waitFor();
    await page.getByText(await categoryText(DEFAULT_TEST_CATEGORY.complaint!, 'zh-CN'), { exact: true }).waitFor();
    await page.locator('[data-testid="urge-count"][data-count="0"]').filter({ hasText: zhCN['depth.urging.none'] }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByLabel(zhCN['depth.urge.reason']).fill('客户再次来电，要求尽快处理');
    await page.getByRole('button', { name: zhCN['depth.urge.submit'], exact: true }).click();
    await toast(page, zhCN['wo.done.urge']);
    await page.getByTestId('urged').waitFor();
    await page.getByTestId('wo-priority').filter({ hasText: zhCN['priority.high'] }).waitFor();
    await page.locator('[data-testid="urge-count"][data-count="1"]').waitFor();

    const after = await ticket(id);
    expect(after.urging).toMatchObject({ count: 1, lastBy: 'callcentre.dalian' });
    expect(after.priority).toBe('high');
    expect(after.timeline.at(-1)).toMatchObject({ action: 'urge', details: expect.objectContaining({ reason: '客户再次来电，要求尽快处理' }) });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('the department sees the urge and the supervision, and answers it with the reply form (in English)', async () => {
    const due = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
    const placed = await api()
      .post(`/troubleTicket/${id}/event`)
      .set('authorization', `Bearer ${supervisor}`)
      .send({ type: 'supervise', due, instructions: 'Call the customer back today and explain the order error.' });
    expect(placed.status).toBe(200);

    const page = await stack.newPage('en');
    await signIn(page, 'dept.dalian.care', en);
    await page.waitForURL('**/app/department');
    await page.goto('/app/department?sort=newest&size=50');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: id }) });
    await row.locator('[data-badge="awaitingReply"]').waitFor();
    await row.locator('[data-badge="urged"]').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole('link', { name: id }).click();
    await page.getByRole('heading', { level: 1, name: `Work order ${id}` }).waitFor();
    const notice = page.getByTestId('supervision-notice');
    await notice.getByText('Call the customer back today and explain the order error.').waitFor();
    await page.locator('[data-testid="urge-count"][data-count="1"]').waitFor();
    await page.getByText(await categoryText(DEFAULT_TEST_CATEGORY.complaint!, 'en'), { exact: true }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The reply is required: nothing is sent without it.
    await page.getByRole('button', { name: en['depth.reply.submit'] }).click();
    await notice.getByText(en['form.required']).waitFor();
    expect((await ticket(id)).supervisions[0].reply).toBeUndefined();

    await page.getByLabel(en['depth.reply.label']).fill('We called the customer and corrected the order today.');
    await page.getByRole('button', { name: en['depth.reply.submit'] }).click();
    await toast(page, en['wo.done.superviseReply']);
    await page.getByTestId('supervision-notice').waitFor({ state: 'detached' });
    await page.locator('[data-supervision="replied"]').waitFor();

    const after = await ticket(id);
    expect(after.supervisions).toHaveLength(1);
    expect(after.supervisions[0]).toMatchObject({
      by: 'browser-urge-supervisor',
      reply: { text: 'We called the customer and corrected the order today.', department: CARE, by: 'dept.dalian.care' },
    });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("an account manager lands on their customers' work orders, urges their VIP's, is refused another's, takes a new one", async () => {
    const taken = await takeWorkOrder(stack.sys, callCentre, vip, { type: 'fault_report', description: 'browser account manager: the VIP line is down' });
    expect(taken.status).toBe(201);
    expect(taken.body.accountManager).toBe('am.dalian');
    const vipId = taken.body.id as string;

    const page = await stack.newPage();
    await signIn(page, 'am.dalian', zhCN);
    await page.waitForURL('**/app/call-centre');
    await page.getByRole('heading', { level: 1, name: zhCN['depth.am.title'] }).waitFor();
    // No callbacks, no customer search: not theirs.
    expect(await page.getByRole('link', { name: zhCN['callCentre.nav.callbacks'] }).count()).toBe(0);
    await page.getByRole('link', { name: vipId }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('link', { name: vipId }).click();
    await page.getByRole('heading', { level: 1, name: `工单 ${vipId}` }).waitFor();
    await page.getByText(zhCN['action.submit.note']).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: zhCN['depth.urge.submit'], exact: true }).click();
    await toast(page, zhCN['wo.done.urge']);
    await page.locator('[data-testid="urge-count"][data-count="1"]').waitFor();
    const after = await ticket(vipId);
    expect(after.urging).toMatchObject({ count: 1, lastBy: 'am.dalian' });
    expect(after.timeline.at(-1)).toMatchObject({ action: 'urge', actor: { id: 'am.dalian', role: 'accountManager' } });

    // Another customer's work order: the API refuses it (403), and the page says so.
    await page.goto(`/app/call-centre/work-orders/${encodeURIComponent(id)}`);
    await page.getByRole('heading', { level: 1, name: zhCN['wo.forbidden'] }).waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A new work order for their customer, from their list: by channel account_manager, naming them.
    await page.goto('/app/call-centre');
    const name = ((await stack.sys.orm.em.fork().getConnection().execute('select name from customer where id = ?', [vip.id])) as Array<{ name: string }>)[0]!
      .name;
    await page.getByRole('link', { name: zhCN['depth.am.newFor'].replace('{name}', name) }).click();
    await page.getByRole('heading', { level: 1, name: zhCN['callCentre.new.title'].replace('{name}', name) }).waitFor();
    await page.getByTestId('channel').filter({ hasText: zhCN['channel.account_manager'] }).waitFor();
    await page.getByText(zhCN['type.inquiry'], { exact: true }).click();
    await page.getByLabel(zhCN['callCentre.new.description']).fill('客户经理代客户咨询专线资费');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: zhCN['callCentre.new.submit'] }).click();
    await page.getByTestId('dispatched-to').waitFor();
    const manager = stack.sys.token({ roles: ['account-manager'], sub: 'am.dalian', localNetworks: ['dalian'] });
    const newest = (await api().get('/troubleTicket').query({ limit: 1 }).set('authorization', `Bearer ${manager}`)).body[0];
    expect(newest).toMatchObject({
      type: 'inquiry',
      channel: 'account_manager',
      accountManager: 'am.dalian',
      customer: { id: vip.id },
      description: '客户经理代客户咨询专线资费',
    });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('the province department hands a work order over to the national centre once it confirms', async () => {
    // A staff account of the province centre's department, and a complaint its supervisor moved to it.
    await insertStaff(stack.sys.orm.em.fork(), {
      username: 'browser.province.centre',
      displayName: '辽宁省客服中心 · 测试',
      passwordHash: await hashPassword(DEVELOPMENT_PASSWORD),
      roles: ['department'],
      localNetworks: [],
      department: PROVINCE,
    });
    const provinceSupervisor = stack.sys.token({
      roles: ['supervisor'],
      sub: 'browser-urge-province',
      localNetworks: '*',
      department: PROVINCE,
      level: 'province',
    });
    const customer = await findCustomer(stack.sys, "c.kind = 'individual' and c.home_local_network = 'dalian' and c.tier <> 'vip'", 18);
    const taken = await takeWorkOrder(stack.sys, callCentre, customer, { description: 'browser hand-over: charged twice while roaming in another province' });
    expect(taken.status).toBe(201);
    const handId = taken.body.id as string;
    const moved = await api()
      .post(`/troubleTicket/${handId}/event`)
      .set('authorization', `Bearer ${provinceSupervisor}`)
      .send({ type: 'transfer', from: CARE, to: PROVINCE, reason: 'the province centre takes it' });
    expect(moved.status).toBe(200);

    const page = await stack.newPage();
    await signIn(page, 'browser.province.centre', zhCN);
    await page.waitForURL('**/app/department');
    await page.goto(`/app/department/work-orders/${encodeURIComponent(handId)}`);
    await page.getByRole('heading', { level: 1, name: `工单 ${handId}` }).waitFor();
    await page.locator('label').filter({ hasText: zhCN['action.handOver'] }).click();
    await page.getByLabel(zhCN['form.handOverReason']).fill('对方省运营商须退费，请全国中心协调');
    await page.getByRole('button', { name: zhCN['action.submit.handOver'] }).click();
    // Asked once more: nothing is sent before the confirmation.
    const confirm = page.getByRole('button', { name: zhCN['depth.handOver.ok'] });
    await confirm.waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect((await ticket(handId)).assignees).toEqual([PROVINCE]);
    await confirm.click();
    await toast(page, zhCN['wo.done.handOver']);

    const after = (await api().get(`/troubleTicket/${handId}`).set('authorization', `Bearer ${provinceSupervisor}`)).body;
    expect(after.assignees).toEqual([NATIONAL]);
    expect(after.escalationLevel).toBe('national');
    expect(after.timeline.at(-1)).toMatchObject({
      action: 'handOver',
      actor: { id: 'browser.province.centre' },
      details: expect.objectContaining({ from: PROVINCE, to: NATIONAL, reason: '对方省运营商须退费，请全国中心协调' }),
    });
    // The province keeps its read view, which now says where the work order went.
    await page.getByTestId('hand-over').waitFor();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
