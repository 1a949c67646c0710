// Drill: malformed and hostile input to every endpoint of the API's OpenAPI document, generated with
// fast-check: bodies invalid by construction (wrong JSON, wrong types at required fields of otherwise
// plausible bodies, huge strings, deep nesting, prototype-pollution keys, unicode, NUL bytes), junk
// headers (content-type, authorization, x-request-id, idempotency-key) and junk path ids. Valid tokens
// of the route's roles are mixed in so that validation is reached. Checks: no 5xx, the API process
// alive, and nothing written (row counts of the tables a request could write, no Temporal workflow).
import http from 'node:http';
import fc from 'fast-check';
import type { Role } from '../../domain/access.js';
import { ROLES } from '../../domain/access.js';
import { httpRequest } from '../bench/infra.js';
import { bodiesFor, num, startSystem, type DrillContext, type DrillResult, type DrillSystem } from './system.js';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  maxLength?: number;
  minLength?: number;
  minItems?: number;
  nullable?: boolean;
};
interface Operation {
  method: string;
  path: string;
  roles: Role[] | 'public';
  pathParams: string[];
  query: Array<{ name: string; schema: Schema }>;
  body?: Schema;
}
interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const TABLES = ['product_order', 'work_order', 'work_order_assignment', 'api_key', 'subscription', 'event_subscription', 'account', 'customer'];

// ---- hostile values ---------------------------------------------------------------------------------

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '../../etc/passwd',
  '..\\..\\windows',
  "'; drop table product_order; --",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '%00',
  '%s%s%s%n',
  '\u202e\u0644\u0627',
  '👩‍👩‍👧‍👦'.repeat(50),
  '\ud800',
  '\uffff\ufffe',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '__proto__',
  'constructor',
  'prototype',
  'x'.repeat(70_000),
];
const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 5 }).map((s) => s.repeat(2000)) },
);
const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '', '\u0000', '$where', 'a.b', '👾');
const deep = (depth: number, leaf: unknown): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};
/** Any JSON value, with hostile strings and keys. */
const junkValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -(2 ** 63), 1e308, Number.MIN_VALUE),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileKey, fc.string({ maxLength: 8 })), tie('v'), { maxKeys: 4 }),
    fc.integer({ min: 50, max: 3000 }).map((d) => deep(d, 'x')),
  ),
})).v;

/** A value that is not of the given JSON-schema type. */
function wrongTypeFor(s: Schema): fc.Arbitrary<unknown> {
  const t = s.type;
  const nonString = fc.oneof(
    fc.constantFrom(12345, -1, true, false),
    fc.array(nastyString, { maxLength: 3 }),
    fc.constant({ __proto__: { admin: true } }),
    fc.constant(deep(500, 1)),
  );
  const nonNumber = fc.oneof(
    nastyString.filter((x) => x.trim() !== '' && Number.isNaN(Number(x))),
    fc.constantFrom(true, {}, [], [1]),
    fc.constant(deep(500, 1)),
  );
  const nonObject = fc.oneof(nastyString, fc.constantFrom(1, true), fc.array(fc.integer(), { maxLength: 3 }));
  const nonArray = fc.oneof(nastyString, fc.constantFrom(1, true, {}), fc.constant({ 0: 'a', length: 1 }));
  const base =
    t === 'string'
      ? nonString
      : t === 'number' || t === 'integer'
        ? nonNumber
        : t === 'object'
          ? nonObject
          : t === 'array'
            ? nonArray
            : t === 'boolean'
              ? fc.oneof(nastyString, fc.constantFrom(0, 1, {}, []))
              : nonString;
  const extra: Array<fc.Arbitrary<unknown>> = [];
  if (t === 'string' && s.enum) extra.push(nastyString.filter((x) => !s.enum!.includes(x)));
  if (t === 'string' && s.maxLength !== undefined && s.maxLength < 60_000) extra.push(fc.constant('y'.repeat(s.maxLength + 1)));
  if (t === 'array' && s.minItems) extra.push(fc.constant([]));
  return extra.length ? fc.oneof(base, ...extra) : base;
}

// ---- the OpenAPI document ---------------------------------------------------------------------------

function resolver(doc: { components?: { schemas?: Record<string, Schema> } }) {
  const resolve = (s: Schema | undefined): Schema => {
    let x = s ?? {};
    for (let i = 0; x.$ref && i < 10; i++) x = doc.components?.schemas?.[x.$ref.replace('#/components/schemas/', '')] ?? {};
    if (x.allOf?.length === 1) return resolve(x.allOf[0]);
    return x;
  };
  return resolve;
}

function operations(doc: Record<string, unknown>): Operation[] {
  const resolve = resolver(doc as never);
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? []) as Array<{ name: string; in: string; schema: Schema }>;
      const body = (op.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.['application/json']?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        roles: (op['x-roles'] as Role[] | undefined) ?? 'public',
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(p.schema) })),
        body: body ? resolve(body) : undefined,
      });
    }
  }
  return out;
}

/** A plausible value of a schema (not necessarily valid: the caller corrupts it anyway). */
function skeleton(s: Schema, resolve: (s: Schema) => Schema, depth = 0): unknown {
  s = resolve(s);
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return skeleton(alt.find((a) => resolve(a).type !== 'null') ?? alt[0]!, resolve, depth + 1);
  if (s.enum?.length) return s.enum[0];
  if (depth > 6) return null;
  switch (s.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) o[k] = skeleton(p, resolve, depth + 1);
      return o;
    }
    case 'array':
      return [skeleton(s.items ?? {}, resolve, depth + 1)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    default:
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }
}

/** Paths to fields (of an object body) whose type is plain, and the schema there: corruption targets. */
function fieldPaths(
  s: Schema,
  resolve: (s: Schema) => Schema,
  prefix: Array<string | number> = [],
  depth = 0,
): Array<{ path: Array<string | number>; schema: Schema; required: boolean }> {
  s = resolve(s);
  const out: Array<{ path: Array<string | number>; schema: Schema; required: boolean }> = [];
  if (depth > 5 || s.type !== 'object') return out;
  for (const [k, p0] of Object.entries(s.properties ?? {})) {
    const p = resolve(p0);
    const required = (s.required ?? []).includes(k);
    if (p.anyOf || p.oneOf || !p.type || p.nullable) continue;
    out.push({ path: [...prefix, k], schema: p, required });
    if (p.type === 'object') out.push(...fieldPaths(p, resolve, [...prefix, k], depth + 1).map((f) => ({ ...f, required: f.required && required })));
    if (p.type === 'array' && p.items)
      out.push(...fieldPaths(resolve(p.items), resolve, [...prefix, k, 0], depth + 1).map((f) => ({ ...f, required: f.required && required })));
  }
  return out;
}

function setAt(obj: unknown, path: Array<string | number>, value: unknown): unknown {
  const root = structuredClone(obj) as Record<string | number, unknown>;
  let o = root;
  for (const seg of path.slice(0, -1)) {
    if (o[seg] === null || typeof o[seg] !== 'object') o[seg] = typeof path[path.indexOf(seg) + 1] === 'number' ? [] : {};
    o = o[seg] as Record<string | number, unknown>;
  }
  Object.defineProperty(o, path[path.length - 1]!, { value, enumerable: true, writable: true, configurable: true });
  return root;
}

/** Bodies invalid by construction for this operation. */
function badBody(op: Operation, resolve: (s: Schema) => Schema, validSamples: unknown[]): fc.Arbitrary<{ raw: string; how: string }> {
  const schema = op.body!;
  const targets = fieldPaths(schema, resolve);
  // Corrupting a field makes the body invalid only if it is required or present in the base body.
  const plausible = fc.oneof(fc.constant(skeleton(schema, resolve)), ...(validSamples.length ? [fc.constantFrom(...validSamples)] : []));
  const arbs: Array<fc.Arbitrary<{ raw: string; how: string }>> = [
    // Not a JSON object at all.
    fc
      .oneof(nastyString, fc.constantFrom(null, 0, true), fc.array(junkValue, { maxLength: 3 }))
      .map((v) => ({ raw: JSON.stringify(v), how: 'non-object JSON' })),
    fc
      .constantFrom(
        '{',
        '{"a":',
        '[1,2',
        'undefined',
        "{'a':1}",
        '{"a":1}}',
        '\u0000',
        '\ufeff{}',
        '{"a":"\\ud800"}',
        '{"__proto__":',
        'null null',
        '['.repeat(200_000),
        '{"a":'.repeat(5000),
        'x'.repeat(300_000),
      )
      .map((raw) => ({ raw, how: 'not JSON / too large' })),
  ];
  if (targets.length) {
    arbs.push(
      fc.tuple(plausible, fc.constantFrom(...targets), fc.dictionary(hostileKey, junkValue, { maxKeys: 3 })).chain(([base, t, extra]) =>
        wrongTypeFor(t.schema).map((bad) => {
          const body = setAt(base, t.path, bad) as Record<string, unknown>;
          for (const [k, v] of Object.entries(extra)) Object.defineProperty(body, k, { value: v, enumerable: true, writable: true, configurable: true });
          return { raw: JSON.stringify(body), how: `wrong ${t.schema.type} at ${t.path.join('.')}` };
        }),
      ),
    );
    // Prototype pollution spelt out in the JSON text (JSON.parse makes these own properties).
    arbs.push(
      fc
        .tuple(plausible, fc.constantFrom(...targets), fc.constantFrom('{"isAdmin":true}', '{"polluted":1}', '{"roles":["admin"]}'))
        .chain(([base, t, payload]) =>
          wrongTypeFor(t.schema).map((bad) => {
            const text = JSON.stringify(setAt(base, t.path, bad));
            return {
              raw: `{"__proto__":${payload},"constructor":{"prototype":${payload}},${text.slice(1)}`,
              how: `__proto__ + wrong ${t.schema.type} at ${t.path.join('.')}`,
            };
          }),
        ),
    );
  }
  return fc.oneof(...arbs);
}

const PATH_IDS = [
  '..',
  '../..',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e',
  '%00',
  'a%00b',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AE',
  '%ED%A0%80',
  '%EF%BF%BF',
  '%20',
  '%0d%0aSet-Cookie:x',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  '-1',
  '0',
  '1e309',
  `PO-${'9'.repeat(4000)}`,
  'x'.repeat(20_000),
  '%F0%9F%91%BE',
  "'%20or%201=1--",
];
const pathId = fc.oneof(fc.constantFrom(...PATH_IDS), fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeURIComponent));
/** Header values Node will send (latin-1, no CR/LF/NUL). */
const headerJunk = fc.oneof(
  fc.constantFrom('', ' ', 'null', '../x', 'a'.repeat(8000), '\t', 'Ã©Ã¿', '%00', '{"a":1}', '; drop', '\u00ff'.repeat(300)),
  fc.string({ unit: 'binary-ascii', maxLength: 300 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, '~')),
);
const contentTypes = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'application/json;;;',
  '*/*',
  '',
);

function request(
  op: Operation,
  resolve: (s: Schema) => Schema,
  tokens: Record<string, string>,
  validSamples: unknown[],
): fc.Arbitrary<FuzzRequest & { how: string }> {
  const roles = op.roles === 'public' ? ['admin'] : [...op.roles, 'admin'];
  const auth = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...roles).map((r) => `Bearer ${tokens[r]}`) },
    { weight: 1, arbitrary: fc.constantFrom(...ROLES).map((r) => `Bearer ${tokens[r]}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'Bearer',
        'Bearer ',
        'Basic YWRtaW46YWRtaW4=',
        `Bearer ${tokens.forged}`,
        `Bearer ${tokens.none}`,
        `Bearer ${tokens.expired}`,
        'Bearer a.b.c',
        `Bearer ${'a'.repeat(7000)}`,
      ),
    },
    { weight: 1, arbitrary: headerJunk },
  );
  const path = fc.tuple(...op.pathParams.map(() => pathId)).map((ids) => {
    let p = op.path;
    op.pathParams.forEach((name, i) => (p = p.replace(`{${name}}`, ids[i]!)));
    return p;
  });
  const query = fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...op.query.map((q) => q.name), '__proto__', 'constructor[prototype]', 'a[b]'), fc.string({ maxLength: 6 })),
        headerJunk,
      ),
      { maxLength: 4 },
    )
    .map((kv) => (kv.length ? `?${kv.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}` : ''));
  const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
  const headers = fc.record({
    authorization: optional(auth),
    'content-type': optional(contentTypes),
    'x-request-id': optional(headerJunk),
    'idempotency-key': optional(headerJunk),
    'x-api-key': fc.option(headerJunk, { nil: undefined, freq: 6 }),
    accept: fc.option(fc.constantFrom('application/xml', '*/*', 'text/html', 'garbage'), { nil: undefined, freq: 6 }),
  });
  const body = op.body
    ? badBody(op, resolve, validSamples).map((b) => b as { raw: string; how: string } | undefined)
    : fc.option(
        junkValue.map((v) => ({ raw: JSON.stringify(v) ?? 'null', how: 'unexpected body' })),
        { nil: undefined, freq: 3 },
      );
  // A GET with a path id or query may be valid: reads write nothing, so only their answers count.
  const pathOrQuery = op.method === 'GET' || !op.body ? fc.tuple(path, query).map(([p, q]) => p + q) : path;
  return fc.tuple(pathOrQuery, headers, body).map(([p, h, b]) => {
    const hs: Record<string, string> = {};
    for (const [k, v] of Object.entries(h)) if (v !== undefined) hs[k] = v;
    if (b !== undefined) {
      hs['content-length'] = String(Buffer.byteLength(b.raw));
      hs['content-type'] ??= 'application/json';
    }
    return { method: op.method, path: p, headers: hs, body: b?.raw, how: b?.how ?? 'no body' };
  });
}

/** A raw request (httpRequest adds its own content-type for a body; these set theirs). */
function send(agent: http.Agent, port: number, r: FuzzRequest): Promise<{ status: number; contentType: string }> {
  return new Promise((ok, fail) => {
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, agent, headers: r.headers }, (res) => {
      res.resume();
      res.on('end', () => ok({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? '') }));
      res.on('error', fail);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.end(r.body);
  });
}

/** Bytes of the request line and headers. */
const headBytes = (r: FuzzRequest) =>
  r.method.length + r.path.length + 12 + Object.entries(r.headers).reduce((a, [k, v]) => a + k.length + Buffer.byteLength(v, 'latin1') + 4, 0);

async function counts(sys: DrillSystem): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await sys.db.query(`select count(*)::int as n from ${t}`)).rows[0].n);
  out.workflows = (await sys.client.workflow.count()).count;
  return out;
}

export async function fuzzDrill(ctx: DrillContext): Promise<DrillResult> {
  const runs = num('DRILL_FUZZ_RUNS', 1000);
  const concurrency = num('DRILL_FUZZ_CONCURRENCY', 8);
  const seed = num('DRILL_FUZZ_SEED', Date.now() % 1_000_000);
  const sys = await startSystem(ctx, { worker: false });
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  ctx.onCleanup(async () => agent.destroy());
  const doc = JSON.parse((await httpRequest(agent, sys.apiPort, 'GET', '/openapi.json', {})).body) as Record<string, unknown>;
  const resolve = resolver(doc as never);
  const ops = operations(doc);
  const tokens: Record<string, string> = Object.fromEntries(ROLES.map((r) => [r, sys.token([r], `fuzz-${r}`)]));
  const valid = tokens.admin!;
  tokens.forged = `${valid.slice(0, valid.lastIndexOf('.'))}.${'A'.repeat(43)}`;
  tokens.none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${valid.split('.')[1]}.`;
  tokens.expired = sys.token(['admin'], 'fuzz-expired'); // replaced below with a truly expired one
  const { signToken } = await import('../../api/auth.js');
  tokens.expired = signToken(
    { sub: 'fuzz-expired', roles: ['admin'], localNetworks: '*' },
    sys.config.jwtSecret,
    sys.config.AUTH_JWT_ISSUER,
    60,
    Math.floor(Date.now() / 1000) - 3600,
  );
  const orderSamples = await bodiesFor(sys, 20, 7);
  const before = await counts(sys);
  ctx.log(`  ${ops.length} operations from /openapi.json, ${runs} requests each (seed ${seed}); rows before: ${JSON.stringify(before)}`);

  const statuses: Record<string, number> = {};
  const fivexx: string[] = [];
  const writesSuspected: string[] = [];
  let sent = 0;
  let unsent = 0;
  let noAnswer = 0;
  let resetOversize = 0;
  let nonProblem4xx = 0;
  const perOp: Record<string, Record<string, number>> = {};
  const describe = (r: FuzzRequest & { how: string }) =>
    `${r.method} ${r.path.slice(0, 160)} [${r.how}] headers=${JSON.stringify(r.headers).slice(0, 300)} body=${(r.body ?? '').slice(0, 300)}`;
  for (const op of ops) {
    if (ctx.aborted() || Date.now() > ctx.deadline - 20_000) break;
    const samples = fc.sample(request(op, resolve, tokens, op.path === '/productOrder' && op.method === 'POST' ? orderSamples : []), {
      numRuns: runs,
      seed: seed + ops.indexOf(op),
    });
    const st: Record<string, number> = (perOp[`${op.method} ${op.path}`] = {});
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < samples.length && !ctx.aborted()) {
          const r = samples[next++]!;
          let res: { status: number; contentType: string };
          try {
            res = await send(agent, sys.apiPort, r);
          } catch (err) {
            const msg = err instanceof Error ? err.message : String(err);
            // Refused by Node's own client (invalid header or path characters): never reached the API.
            if (/ERR_INVALID|Invalid character|unescaped characters|ERR_HTTP_INVALID/i.test(`${(err as { code?: string }).code} ${msg}`)) {
              unsent++;
              continue;
            }
            // Over Node's 16 KB header limit the server answers 431 and closes at once: a client still
            // sending its body may read a reset instead of that answer.
            if (headBytes(r) > 16 * 1024 && /ECONNRESET|EPIPE/.test(msg)) {
              resetOversize++;
              continue;
            }
            noAnswer++;
            if (fivexx.length < 20) fivexx.push(`no answer (${msg}): ${describe(r)}`);
            continue;
          }
          sent++;
          const k = String(res.status);
          statuses[k] = (statuses[k] ?? 0) + 1;
          st[k] = (st[k] ?? 0) + 1;
          if (res.status >= 500 && fivexx.length < 20) fivexx.push(`${res.status}: ${describe(r)}`);
          if (res.status >= 400 && !res.contentType.startsWith('application/problem+json')) nonProblem4xx++;
          if (r.method !== 'GET' && res.status >= 200 && res.status < 300 && writesSuspected.length < 20) writesSuspected.push(`${res.status}: ${describe(r)}`);
        }
      }),
    );
    ctx.log(
      `  ${op.method} ${op.path}: ${Object.entries(st)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}`,
    );
  }
  const apiAlive = sys.api.process.exitCode === null && sys.api.process.signalCode === null;
  const healthz = await httpRequest(agent, sys.apiPort, 'GET', '/healthz', {}).then(
    (r) => r.status,
    () => 0,
  );
  const after = await counts(sys);
  const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
  const failures: string[] = [];
  const count5xx = Object.entries(statuses)
    .filter(([k]) => Number(k) >= 500)
    .reduce((a, [, v]) => a + v, 0);
  if (count5xx) failures.push(`${count5xx} 5xx: ${fivexx.slice(0, 5).join(' || ')}`);
  if (noAnswer) failures.push(`${noAnswer} requests got no answer`);
  // Node's parser refusals (431, malformed requests) are problems too (api/problem.ts answerClientErrorsWithProblems).
  if (nonProblem4xx) failures.push(`${nonProblem4xx} 4xx answers were not problem+json`);
  if (!apiAlive || healthz !== 200) failures.push(`the API is ${apiAlive ? `alive but /healthz answers ${healthz}` : 'gone'}`);
  if (changed.length)
    failures.push(`written: ${changed.map((k) => `${k} ${before[k]}→${after[k]}`).join(', ')}; suspects: ${writesSuspected.slice(0, 5).join(' || ')}`);
  if (ops.length < 15) failures.push(`only ${ops.length} operations in /openapi.json`);
  return {
    pass: failures.length === 0,
    failures,
    counts: {
      endpoints: ops.length,
      requests: sent,
      unsentByClient: unsent,
      answers: Object.entries(statuses)
        .sort()
        .map(([k, v]) => `${k}×${v}`)
        .join(' '),
      '5xx': count5xx,
      noAnswer,
      resetOversizeHeaders: resetOversize,
      nonProblem4xx,
      rowsChanged: changed.length,
      workflowsAfter: after.workflows!,
      apiAlive: String(apiAlive),
      seed,
    },
    details: { perOperation: perOp, fivexx, writesSuspected, before, after },
  };
}
