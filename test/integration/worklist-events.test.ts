// The live department desk's event stream (GET /department/{department}/worklist/events), on real
// components: a work order dispatched to a department reaches that department's open stream within
// 2 s, not another department's, also when the feed's LISTEN connection is slow to come up; the
// worklist's scope (a department's staff only their own); a client that goes is forgotten; the harness's stop ends the streams still open;
// a stream ends when its caller's token expires.
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestSystem, type TestSystem } from '../../harness/system.js';
import { openEventStream, type EventStreamReader } from '../../harness/event-stream.js';
import { eventually, findCustomer, takeWorkOrder, type SeededCustomer } from '../../harness/fixtures.js';
import { WorklistFeed } from '../../api/worklist-feed.js';
import { createLogger } from '../../platform/logger.js';
import { signToken } from '../../api/auth.js';

const CARE = 'dalian-customer-care';
const SHENYANG_CARE = 'shenyang-customer-care';
let sys: TestSystem;
let server: Server;
let base: string;
let supervisor: string;
let care: string;
let shenyangCare: string;
let customer: SeededCustomer;

type Stream = EventStreamReader;

const open = (department: string, token: string) => openEventStream(`${base}/department/${department}/worklist/events`, token);

const feed = () => sys.app.locals.worklistFeed as WorklistFeed;

beforeAll(async () => {
  sys = await startTestSystem();
  server = sys.app.listen(0, '127.0.0.1');
  await new Promise<void>((done) => server.once('listening', () => done()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  supervisor = sys.token({ roles: ['supervisor'], sub: 'live-supervisor', localNetworks: ['dalian'], department: 'dalian-service-centre', level: 'city' });
  care = sys.token({ roles: ['department'], sub: 'live-care', department: CARE, localNetworks: [] });
  shenyangCare = sys.token({ roles: ['department'], sub: 'live-shenyang', department: SHENYANG_CARE, localNetworks: [] });
  customer = await findCustomer(sys, "c.tier = 'ordinary' and c.home_local_network = 'dalian'");
});

let leftOpen: Stream | undefined;
afterAll(async () => {
  await sys?.stop();
  // The harness's stop ended the stream still open (else server.close would wait for it forever).
  if (leftOpen) {
    await Promise.race([leftOpen.ended, new Promise((_, fail) => setTimeout(() => fail(new Error('stream not ended by stop')), 5000))]);
  }
  await new Promise((done) => server?.close(done));
});

describe("a department's worklist events", () => {
  it('tells the department a work order dispatched to it within 2 s, and not another department', async () => {
    const mine = await open(CARE, care);
    const other = await open(SHENYANG_CARE, shenyangCare);
    expect(mine.status).toBe(200);
    expect(mine.contentType).toMatch(/^text\/event-stream/);
    expect(other.status).toBe(200);

    const res = await takeWorkOrder(sys, supervisor, customer, { description: 'live desk: the line went dead this morning' });
    expect(res.status).toBe(201);
    expect(res.body.assignees).toContain(CARE);
    const dispatchedAt = Date.now();
    const id = res.body.id as string;

    const event = await eventually(
      async () => mine.events.find((e) => e.event === 'worklist' && (JSON.parse(e.data) as { ids: string[] }).ids.includes(id)),
      'the worklist event',
      5000,
    );
    const delay = event.at - dispatchedAt;
    console.log(`worklist event ${delay} ms after the dispatch was answered`);
    expect(delay).toBeLessThan(2000);

    // Give the other department's stream the same time and a second more: nothing of this work order.
    await new Promise((done) => setTimeout(done, 1000));
    expect(other.events.filter((e) => e.data.includes(id))).toEqual([]);
    expect(other.events.filter((e) => e.event === 'worklist')).toEqual([]);

    const before = feed().size;
    other.close();
    await other.ended;
    await eventually(async () => (feed().size === before - 1 ? true : undefined), 'the closed stream forgotten', 3000);
    leftOpen = mine;
  });

  it('tells a desk what was dispatched while its LISTEN connection was still coming up', async () => {
    // A proxy to PostgreSQL that holds each connection 4 s before passing it on: the feed's LISTEN
    // comes up long after the desk was answered and the work order dispatched.
    const target = new URL(process.env.TEST_DATABASE_URL!);
    const sockets = new Set<Socket>();
    const proxy = createServer((inbound) => {
      sockets.add(inbound);
      inbound.pause();
      const timer = setTimeout(() => {
        const outbound = createConnection(Number(target.port || 5432), target.hostname);
        sockets.add(outbound);
        inbound.pipe(outbound).pipe(inbound);
        inbound.resume();
        outbound.on('error', () => inbound.destroy());
        inbound.on('error', () => outbound.destroy());
      }, 4000);
      inbound.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    const slow = new URL(target);
    slow.hostname = '127.0.0.1';
    slow.port = String((proxy.address() as AddressInfo).port);
    const slowFeed = new WorklistFeed({ orm: sys.orm, logger: createLogger('silent', 'test'), databaseUrl: slow.toString() });
    const told: string[] = [];
    try {
      slowFeed.subscribe({ department: CARE, localNetworks: '*', send: (ids) => told.push(...ids), close: () => {} });
      const asked = Date.now();
      await slowFeed.ready();
      // Where the outbox stands comes from the pool, not from the LISTEN connection.
      expect(Date.now() - asked).toBeLessThan(1500);
      const res = await takeWorkOrder(sys, supervisor, customer, { description: 'live desk: told once the feed listens' });
      expect(res.status).toBe(201);
      await eventually(async () => (told.includes(res.body.id as string) ? true : undefined), 'the work order told once the feed listens', 10_000);
    } finally {
      await slowFeed.stop();
      for (const s of sockets) s.destroy();
      await new Promise((done) => proxy.close(done));
    }
  });

  it("refuses a department's staff another department's stream (403), an unknown department (404), no token (401)", async () => {
    const forbidden = await request(sys.app).get(`/department/${CARE}/worklist/events`).set('authorization', `Bearer ${shenyangCare}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.headers['content-type']).toMatch(/problem\+json/);
    const unknown = await request(sys.app).get('/department/nowhere-care/worklist/events').set('authorization', `Bearer ${care}`);
    expect(unknown.status).toBe(404);
    const anonymous = await request(sys.app).get(`/department/${CARE}/worklist/events`);
    expect(anonymous.status).toBe(401);
  });

  it("ends the stream when the caller's token expires: `event: expired`, then the end", async () => {
    const { config } = sys;
    const now = Math.floor(Date.now() / 1000);
    const shortLived = signToken(
      { sub: 'live-care-short', roles: ['department'], department: CARE, localNetworks: [] },
      config.jwtSecret,
      config.AUTH_JWT_ISSUER,
      2,
      now,
      config.AUTH_JWT_AUDIENCE,
    );
    const s = await open(CARE, shortLived);
    expect(s.status).toBe(200);
    const expiresAt = (now + 2) * 1000;
    await Promise.race([s.ended, new Promise((_, fail) => setTimeout(() => fail(new Error('stream not ended at expiry')), 6000))]);
    const expired = s.events.find((e) => e.event === 'expired');
    expect(expired).toBeDefined();
    expect(JSON.parse(expired!.data)).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(expired!.at).toBeGreaterThanOrEqual(expiresAt);
    expect(expired!.at - expiresAt).toBeLessThan(1500);
    // From then on the token is refused, so a reconnecting desk is told so too.
    const again = await request(sys.app).get(`/department/${CARE}/worklist/events`).set('authorization', `Bearer ${shortLived}`);
    expect(again.status).toBe(401);
  });

  it('lets a supervisor of the local network follow a city department', async () => {
    const s = await open(CARE, supervisor);
    expect(s.status).toBe(200);
    await eventually(async () => (s.raw().includes(`: listening to ${CARE}`) ? true : undefined), 'the opening comment', 3000);
    s.close();
    await s.ended;
  });
});
