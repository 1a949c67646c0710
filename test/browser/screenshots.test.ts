// The README's screenshots of each desk (docs/screenshots/, zh-CN and en), taken on the real stack
// with work orders that show what the desks can show: VIP, urged, escalated, overdue, close to the
// deadline, accepted, reopened, a callback due; the supervisor board with its charts; an order waiting
// for its installation on the order desk and in the auditor's view; the system and reports pages. Only by `npm run web:screenshots` (WEB_SCREENSHOTS=1);
// `npm test` leaves the file out (jest.config.js). SLA hours pass as 6 s here so deadlines come and go while it sets up.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import request from 'supertest';
import { signIn, startBrowserStack, type BrowserStack, type Language } from '../../harness/browser.js';
import { eventually, findCustomer, freshFixed, orderBody, placeOrder, takeWorkOrder, waitForStep } from '../../harness/fixtures.js';
import { en } from '../../web/src/i18n/en.js';
import { zhCN } from '../../web/src/i18n/zh-CN.js';

const OUT = join(process.cwd(), 'docs', 'screenshots');
const CARE = 'dalian-customer-care';
let stack: BrowserStack;
let reopened: string;
/** The customer of the reopened complaint, whose 360 view the call-centre desk shows. */
let customerId: string;
/** An order of a Dalian customer with a field installation, waiting for it. */
let orderId: string;

describe('screenshots of the desks', () => {
  beforeAll(async () => {
    stack = await startBrowserStack({ SLA_TIME_SCALE: String(1 / 600), WORKORDER_AUTO_CLOSE_SECONDS: '600' });
    const sys = stack.sys;
    const centre = sys.token({ roles: ['call-centre'], sub: 'callcentre.dalian', localNetworks: ['dalian'] });
    const care = sys.token({ roles: ['department'], sub: 'dept.dalian.care', department: CARE, localNetworks: [] });
    const act = async (id: string, token: string, event: Record<string, unknown>) => {
      const res = await request(sys.app).post(`/troubleTicket/${id}/event`).set('authorization', `Bearer ${token}`).send(event);
      if (res.status !== 200) throw new Error(`${String(event.type)} → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const take = async (where: string, offset: number, body: Record<string, unknown>) => {
      const customer = await findCustomer(sys, `c.home_local_network = 'dalian' and ${where}`, offset);
      customerId ??= customer.id;
      const res = await takeWorkOrder(sys, centre, customer, body);
      if (res.status !== 201) throw new Error(`take → ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    // Reopened: the whole loop once, the customer unsatisfied, dispatched again.
    reopened = await take("c.tier = 'ordinary'", 0, { description: '宽带晚间频繁掉线，上次处理后仍未解决' });
    await act(reopened, care, { type: 'accept' });
    await act(reopened, care, { type: 'receipt', result: 'resolved', resolutionCode: 'PORT_REPLACED', notes: '更换了端口' });
    await act(reopened, centre, { type: 'approve', notes: '回单审核通过' });
    await eventually(async () => {
      const res = await request(sys.app).get(`/troubleTicket/${reopened}`).set('authorization', `Bearer ${centre}`);
      return res.body.phase === 'customerNotified' ? true : undefined;
    }, 'customer told');
    await act(reopened, centre, { type: 'recordSatisfaction', satisfied: false, score: 2, comment: '晚上还是掉线' });
    await act(reopened, centre, { type: 'reopen', reason: '客户回访不满意' });
    // The rest: a VIP's complaint (its accept deadline passes: urged, escalated), a gold customer's
    // enquiry (overdue), a silver one's complaint (close), ordinary ones (one accepted, on time).
    await take("c.tier = 'vip'", 0, { description: 'VIP 客户：国际漫游费用重复扣费' });
    await take("c.tier = 'gold'", 0, { type: 'inquiry', description: '咨询新的宽带资费套餐及办理方式' });
    await take("c.tier = 'silver'", 0, { description: '固话通话中有杂音，雨天更严重' });
    const accepted = await take("c.tier = 'ordinary'", 1, { description: '账单中出现未订购的增值业务费用' });
    await act(accepted, care, { type: 'accept' });
    await act(accepted, care, { type: 'note', text: '已联系客户，核实订购记录中' });
    await take("c.tier = 'ordinary'", 2, { description: '新装固话无拨号音' });
    // A callback due: answered by the department, its receipt reviewed, the customer to be called.
    const answered = await take("c.tier = 'ordinary'", 0, { description: '宽带账单金额与套餐不符' });
    await act(answered, care, { type: 'accept' });
    await act(answered, care, { type: 'receipt', result: 'resolved', resolutionCode: 'BILL_CORRECTED', notes: '已退还多收费用' });
    await act(answered, centre, { type: 'approve', notes: '回单审核通过' });
    const orderer = await findCustomer(sys, "c.kind = 'individual' and c.home_local_network = 'dalian'", 5);
    const placed = await placeOrder(
      sys,
      orderBody(orderer, [
        {
          offering: 'fl-residential',
          characteristic: [
            { name: 'requestedNumber', value: freshFixed(8) },
            { name: 'installationAddress', value: '中山路 12 号 3 单元' },
          ],
        },
      ]),
    );
    if (placed.status !== 201) throw new Error(`order → ${placed.status} ${JSON.stringify(placed.body)}`);
    orderId = placed.body.id as string;
    await waitForStep(sys, orderId, 'fieldInstallation', 'running');
    // Until the VIP complaint has been urged and escalated and the enquiry is overdue.
    await new Promise((ok) => setTimeout(ok, 14_000));
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(async () => stack?.stop());

  for (const [language, messages] of [
    ['zh-CN', zhCN],
    ['en', en],
  ] as Array<[Language, typeof zhCN]>) {
    it(`of the worklist and a work order, ${language}`, async () => {
      const page = await stack.newPage(language);
      await signIn(page, 'dept.dalian.care', messages);
      await page.waitForURL('**/app/department');
      await page.locator('[data-badge="escalated"]').first().waitFor();
      await page.screenshot({ path: join(OUT, `department-worklist.${language}.png`) });
      await page.goto(`/app/department/work-orders/${reopened}`);
      await page.locator('[data-action="reopen"]').waitFor();
      await page.screenshot({ path: join(OUT, `department-work-order.${language}.png`), fullPage: true });
    });

    it(`of the call-centre desk, ${language}`, async () => {
      const page = await stack.newPage(language);
      await signIn(page, 'callcentre.dalian', messages);
      await page.waitForURL('**/app/call-centre');
      await page.goto(`/app/call-centre/customers/${customerId}`);
      await page.getByRole('link', { name: /^TT-/ }).first().waitFor();
      await page.screenshot({ path: join(OUT, `call-centre-customer.${language}.png`), fullPage: true });
      await page.goto('/app/call-centre/callbacks');
      await page.getByRole('heading', { level: 1, name: messages['callCentre.callbacks.title'] }).waitFor();
      await page.locator('tbody tr').first().waitFor();
      await page.screenshot({ path: join(OUT, `call-centre-callbacks.${language}.png`) });
    });

    it(`of the order desk and the auditor's view, ${language}`, async () => {
      const page = await stack.newPage(language);
      await signIn(page, 'entry.dalian', messages);
      await page.waitForURL('**/app/orders');
      await page.goto(`/app/orders/orders/${orderId}`);
      await page.locator('[data-step="fieldInstallation"][data-status="running"]').first().waitFor();
      await page.screenshot({ path: join(OUT, `order-page.${language}.png`), fullPage: true });
      const auditor = await stack.newPage(language);
      await signIn(auditor, 'auditor', messages);
      await auditor.waitForURL('**/app/audit');
      await auditor.goto(`/app/audit/orders/${orderId}`);
      await auditor.getByTestId('audit-event').nth(3).waitFor();
      await auditor.screenshot({ path: join(OUT, `audit-trail.${language}.png`), fullPage: true });
    });

    it(`of the system and reports pages, ${language}`, async () => {
      const page = await stack.newPage(language);
      await signIn(page, 'ops', messages);
      await page.waitForURL('**/app/system');
      await page.getByTestId('system-ready').waitFor();
      await page.screenshot({ path: join(OUT, `system.${language}.png`), fullPage: true });
      await page.goto('/app/reports');
      await page.getByTestId('reports-range').waitFor();
      await page.locator('.board-chart svg, .board-chart canvas, [role="img"] svg').first().waitFor();
      await new Promise((ok) => setTimeout(ok, 1500));
      await page.screenshot({ path: join(OUT, `reports.${language}.png`), fullPage: true });
    });

    it(`of the supervisor board, ${language}`, async () => {
      const page = await stack.newPage(language);
      await signIn(page, 'supervisor.dalian', messages);
      await page.waitForURL('**/app/supervisor');
      await page.locator('[data-sla="overdue"]').first().waitFor();
      await page.locator('.board-chart canvas, .board-chart svg').first().waitFor();
      // The charts draw with an animation.
      await new Promise((ok) => setTimeout(ok, 1500));
      await page.screenshot({ path: join(OUT, `supervisor-board.${language}.png`), fullPage: true });
    });
  }
});
