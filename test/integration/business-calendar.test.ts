// Business calendars per year (issue 15, point 6) on the real stack, with the business clock
// UNSCALED (SLA_TIME_SCALE 1): the deadlines below are computed by the work order's own workflow
// over the holiday data it took at intake. Since today is not the eve of National Day, the
// complaint comes with its received time (受理时间) — as the call centre gives it for a complaint
// received earlier (a letter, a call taken during an outage) — and this system lets it go back far
// enough. Then a year without data (2025: plain weekdays) until the command loads it, and the admin
// endpoint loading 2027 (a SAMPLE, not the State Council's notice), missing until then in /readyz,
// carried to new work orders and the dunning schedules, while running work orders keep what they took.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { dunningScheduleId, type DunningRunInput } from '../../contracts/dunning.js';
import { ensureDunningSchedules } from '../../platform/dunning-schedules.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';
import { runScript } from '../../harness/scripts.js';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { bodyOf, CHINA_HOLIDAYS_2025, SAMPLE_2027 } from '../support/holiday-years.js';

const DAY = 86_400_000;
/** The evening before the National Day holiday (1–7 October 2026), in Beijing. */
const NATIONAL_DAY_EVE = '2026-09-30T19:00:00+08:00';
/** The eve of National Day 2025 (1–8 October; 28 September and 11 October worked). */
const NATIONAL_DAY_EVE_2025 = '2025-09-30T19:00:00+08:00';
/** A network of its own for the dunning schedule this test creates (and removes). */
const SCHEDULE_NETWORK = 'huludao';

let sys: TestSystem;
let agent: string;
let admin: string;
let customer: SeededCustomer;
/** The complaint received on the eve of National Day, taken while 2026 was loaded. */
let eve: { id: string; acceptBy: string; resolveBy: string };
let scheduleCreated = false;

beforeAll(async () => {
  // Far enough back for 30 September 2025, whenever this runs.
  const maxAgeDays = Math.ceil((Date.now() - Date.parse(NATIONAL_DAY_EVE_2025)) / DAY) + 2;
  sys = await startTestSystem({ SLA_TIME_SCALE: '1', WORK_ORDER_RECEIVED_MAX_AGE_DAYS: String(maxAgeDays) });
  agent = sys.token({ roles: ['call-centre'], sub: 'agent-calendar', localNetworks: '*' });
  admin = sys.token({ roles: ['admin'], sub: 'admin-calendar' });
  // Anshan works Monday to Friday, 08:30–17:30: a make-up Saturday is an extra working day there.
  customer = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'anshan' and c.kind = 'individual'");
});

afterAll(async () => {
  if (scheduleCreated)
    await sys.client.schedule
      .getHandle(dunningScheduleId(SCHEDULE_NETWORK))
      .delete()
      .catch(() => undefined);
  // Leaves the database's calendar as the migration made it, for the other tests of the run.
  await sys?.orm.em.fork().getConnection().execute('delete from holiday_calendar where year <> 2026');
  await sys?.stop();
});

const ticket = async (id: string) => (await request(sys.app).get(`/troubleTicket/${id}`).set('authorization', `Bearer ${agent}`)).body;
const complaint = (receivedAt?: string) => takeWorkOrder(sys, agent, customer, { serviceLine: 'gsm_mobile', ...(receivedAt ? { receivedAt } : {}) });
/** /readyz of a fresh API process (the route keeps its calendar check for a minute). */
const readiness = () => request(sys.appWith({}).app).get('/readyz');
const calendarWarnings = (years: number[]) => (years.length ? [expect.objectContaining({ check: 'calendar', years })] : []);

describe('the business clock, unscaled, over National Day', () => {
  it('a complaint received the evening before the holiday is due after it, the make-up Saturday counting', async () => {
    const res = await complaint(NATIONAL_DAY_EVE);
    expect(res.status).toBe(201);
    // Ordinary complaint: accept within 4 business hours, resolve within 27 (three 9-hour days).
    // 1–7 October are holidays: accepted by Thursday 8 October 12:30, resolved by Saturday 10 October
    // 17:30 — the make-up working day; without it, Monday 12 October.
    expect(res.body.deadlines).toEqual({ acceptBy: '2026-10-08T04:30:00.000Z', resolveBy: '2026-10-10T09:30:00.000Z' });
    expect(res.body.receivedAt).toBe(Date.parse(NATIONAL_DAY_EVE));
    expect(res.body.sla.startedAt).toBe(Date.parse(NATIONAL_DAY_EVE));
    expect(res.body.sla.holidays.years).toEqual([2026]);
    eve = { id: res.body.id, ...res.body.deadlines };

    // Both deadlines are long past: the workflow's own timers escalate it, city → province → national.
    const national = await eventually(async () => {
      const s = await ticket(eve.id);
      return s.escalationLevel === 'national' ? s : undefined;
    }, 'escalation of the overdue complaint');
    expect(national.escalations.map((e: { mark: string; to: string }) => [e.mark, e.to])).toEqual([
      ['accept:deadline', 'province'],
      ['resolve:deadline', 'national'],
    ]);
    // The read model shows the same deadlines.
    expect(national.deadlines).toEqual({ acceptBy: eve.acceptBy, resolveBy: eve.resolveBy });
  });

  it('a received time in the future, or further back than allowed, is refused with the field named', async () => {
    const future = await complaint(new Date(Date.now() + 3_600_000).toISOString());
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'receivedAt', code: 'RECEIVED_AT_OUT_OF_RANGE' })]);
    const strict = sys.appWith({ WORK_ORDER_RECEIVED_MAX_AGE_DAYS: '7' }).app;
    const old = await request(strict)
      .post('/troubleTicket')
      .set('authorization', `Bearer ${agent}`)
      .send({
        type: 'complaint',
        channel: 'letter',
        customer: { id: customer.id },
        takenInLocalNetwork: 'anshan',
        serviceLine: 'gsm_mobile',
        category: 'service-handling.order-error',
        description: 'a letter',
        receivedAt: new Date(Date.now() - 8 * DAY).toISOString(),
      });
    expect(old.status).toBe(400);
    expect(old.body.errors[0].message).toMatch(/more than 7 days ago/);
    expect((await complaint('30 September')).status).toBe(400);
  });
});

describe('a year without data', () => {
  it('counts as plain weekdays until the command loads it; running work orders keep what they took', async () => {
    // 2025 was never loaded here: a complaint received on the eve of its National Day (1–8 October
    // 2025, make-up Saturday 11 October) is counted over plain weekdays, due Friday 3 October.
    const plain = await complaint(NATIONAL_DAY_EVE_2025);
    expect(plain.status).toBe(201);
    expect(plain.body.sla.holidays.years).toEqual([2026]);
    expect(plain.body.deadlines.resolveBy).toBe('2025-10-03T09:30:00.000Z');

    // The command loads the year (the notice as a file); the same file again changes nothing.
    const file = join(tmpdir(), `holidays-2025-${process.pid}.json`);
    writeFileSync(file, JSON.stringify(bodyOf(CHINA_HOLIDAYS_2025)));
    const env = {
      DATABASE_URL: sys.config.DATABASE_URL!,
      TEMPORAL_ADDRESS: sys.config.TEMPORAL_ADDRESS!,
      TEMPORAL_NAMESPACE: sys.config.TEMPORAL_NAMESPACE,
      LOG_LEVEL: 'silent',
    };
    const loaded = await runScript('scripts/calendar.ts', ['load', '--year', '2025', '--file', file, '--by', 'ops.li'], env);
    expect(loaded.stderr).toBe('');
    expect(loaded.stdout).toContain('2025: loaded; 6 holidays, 5 make-up working days');
    const again = await runScript('scripts/calendar.ts', ['load', '--year', '2025', '--file', file], env);
    expect(again.stdout).toContain('2025: unchanged');
    const listed = await runScript('scripts/calendar.ts', ['list'], env);
    expect(listed.stdout).toMatch(/^2025 {2}6 holidays, 5 make-up working days {2}loaded .* by ops\.li/m);
    expect(listed.stdout).toMatch(/^2026 {2}7 holidays, 6 make-up working days {2}loaded .* by migration 016/m);

    // Taken now, the same complaint is due after the holiday, on the make-up Saturday; the first keeps its deadline.
    const counted = await complaint(NATIONAL_DAY_EVE_2025);
    expect(counted.body.sla.holidays.years).toEqual([2025, 2026]);
    expect(counted.body.deadlines.resolveBy).toBe('2025-10-11T09:30:00.000Z');
    expect((await ticket(plain.body.id)).deadlines.resolveBy).toBe('2025-10-03T09:30:00.000Z');
    expect((await ticket(eve.id)).deadlines).toEqual({ acceptBy: eve.acceptBy, resolveBy: eve.resolveBy });
  });

  it('the command refuses a malformed file, naming the field', async () => {
    const file = join(tmpdir(), `holidays-bad-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ holidays: [{ name: 'x', from: '2027-01-01', to: '2027-01-03' }], makeUpWorkdays: ['2027-01-06'] }));
    const bad = await runScript('scripts/calendar.ts', ['load', '--year', '2027', '--file', file], {
      DATABASE_URL: sys.config.DATABASE_URL!,
      LOG_LEVEL: 'silent',
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('makeUpWorkdays[0]: 2027-01-06 is a Monday–Friday, a working day already');
  });
});

describe('loading the next year by the admin endpoint', () => {
  it('refuses a non-admin and malformed data (400 with the fields), loads it idempotently, and new work orders and the dunning schedules take it', async () => {
    await ensureDunningSchedules(sys.client, { taskQueue: sys.config.TEMPORAL_TASK_QUEUE, localTime: '09:00', caseCheckSeconds: 60 }, [SCHEDULE_NETWORK]);
    scheduleCreated = true;
    const put = (body: object, token = admin, year = '2027') =>
      request(sys.app).put(`/calendar/holidays/${year}`).set('authorization', `Bearer ${token}`).send(body);

    expect((await put(bodyOf(SAMPLE_2027), sys.token({ roles: ['supervisor'], sub: 'sup', level: 'province', localNetworks: '*' }))).status).toBe(403);
    const malformed = await put({
      holidays: [
        { name: 'A', from: '2027-01-01', to: '2027-01-03' },
        { name: 'B', from: '2027-01-03', to: '2028-01-02' },
      ],
      makeUpWorkdays: ['2027-01-02'],
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([
      { field: 'holidays[1].to', message: '2028-01-02 is not in 2027' },
      { field: 'makeUpWorkdays[0]', message: '2027-01-02 is a make-up working day and a holiday (A)' },
    ]);
    expect((await put({ ...bodyOf(SAMPLE_2027), extra: true })).status).toBe(400);
    expect((await put(bodyOf(SAMPLE_2027), admin, '1999')).status).toBe(400);

    // A running work order whose deadline falls in 2027 (set in the read model, as if its clock had been
    // paused that long): /readyz names the year, still ready.
    const running = await complaint();
    expect(running.status).toBe(201);
    await sys.orm.em.fork().getConnection().execute(`update work_order set resolve_by = '2027-01-06T09:30:00Z' where id = ?`, [running.body.id]);
    const warned = await readiness();
    expect(warned.status).toBe(200);
    expect(warned.body.status).toBe('ready');
    expect(warned.body.warnings).toEqual(calendarWarnings([2027]));
    expect((await request(sys.app).get('/calendar/holidays').set('authorization', `Bearer ${admin}`)).body.missing).toEqual([2027]);

    const created = await put(bodyOf(SAMPLE_2027));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ year: 2027, loadedBy: 'admin-calendar', changed: true, dunningSchedulesUpdated: expect.any(Number) });
    expect(created.body.dunningSchedulesUpdated).toBeGreaterThanOrEqual(1);
    const repeat = await put(bodyOf(SAMPLE_2027));
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ changed: false, dunningSchedulesUpdated: 0, loadedAt: created.body.loadedAt });

    const listed = await request(sys.app).get('/calendar/holidays').set('authorization', `Bearer ${admin}`);
    expect(listed.body.years.map((y: { year: number }) => y.year)).toEqual([2025, 2026, 2027]);
    expect(listed.body.missing).toEqual([]);
    expect((await readiness()).body.warnings).toEqual([]);
    expect((await request(sys.app).get('/calendar/holidays/2028').set('authorization', `Bearer ${admin}`)).status).toBe(404);
    expect((await request(sys.app).get('/calendar/holidays').set('authorization', `Bearer ${agent}`)).status).toBe(403);

    // A work order taken now keeps this year and the next, the sample included; the earlier one still has 2026 only.
    const now = await complaint();
    expect(now.status).toBe(201);
    expect(now.body.sla.holidays.years).toEqual([2026, 2027]);
    expect(now.body.sla.holidays.holidays).toEqual(expect.arrayContaining(SAMPLE_2027.holidays));
    expect((await ticket(eve.id)).sla.holidays.years).toEqual([2026]);

    // The dunning schedule runs on the sample's make-up Saturday and skips its Spring Festival weekdays.
    const { spec, action } = await sys.client.schedule.getHandle(dunningScheduleId(SCHEDULE_NETWORK)).describe();
    // Its runs count grace and notice in the same working days.
    expect((action.args as [DunningRunInput])[0].holidays?.years).toEqual([2025, 2026, 2027]);
    const dates = (specs: typeof spec.skip) => (specs ?? []).map((c) => `${c.year[0]!.start}-${c.month[0]!.start}-${c.dayOfMonth[0]!.start}`);
    expect(dates(spec.calendars!.slice(1))).toEqual(expect.arrayContaining(['2026-OCTOBER-10', '2027-JANUARY-30', '2027-FEBRUARY-14']));
    expect(dates(spec.skip)).toEqual(expect.arrayContaining(['2026-OCTOBER-1', '2027-JANUARY-1', '2027-FEBRUARY-8', '2027-FEBRUARY-12']));
  });
});
