// Every string and list a client can send has a bound, and no request body takes unknown fields: checked on the OpenAPI document the route
// table generates (so a new route or field cannot be forgotten), since unbounded text ends up in
// workflow histories and the read model.
import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApp } from '../../api/app.js';
import { loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/logger.js';

type Schema = Record<string, unknown> & { $ref?: string };

/** The request schemas of every operation: parameters and JSON bodies, by a readable path. */
async function requestSchemas() {
  const config = loadConfig({ NODE_ENV: 'test', AUTH_JWT_SECRET: 'unit-test-secret-'.repeat(3) });
  // Nothing is called: the app only builds its routes and their OpenAPI document.
  const app = createApp({
    config,
    client: {} as never,
    orm: { em: { fork: () => ({}) } } as never,
    logger: createLogger('silent', 'unit'),
    adapters: {} as never,
  });
  const doc = (await request(app).get('/openapi.json')).body as {
    paths: Record<
      string,
      Record<string, { parameters?: Array<{ in: string; name: string; schema: Schema }>; requestBody?: { content: Record<string, { schema: Schema }> } }>
    >;
    components: { schemas: Record<string, Schema> };
  };
  const out: Array<[string, Schema]> = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      for (const p of op.parameters ?? []) out.push([`${method.toUpperCase()} ${path} ${p.in}.${p.name}`, p.schema]);
      const body = op.requestBody?.content['application/json']?.schema;
      if (body) out.push([`${method.toUpperCase()} ${path} body`, body]);
    }
  }
  return { schemas: out, components: doc.components.schemas };
}

/** Every string without a maximum length and every array without a maximum size, by path. */
function unbounded(schema: Schema, path: string, components: Record<string, Schema>, seen = new Set<Schema>()): string[] {
  const s = schema.$ref ? components[schema.$ref.split('/').pop()!]! : schema;
  if (seen.has(s)) return [];
  seen.add(s);
  const found: string[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, alt] of ((s[key] as Schema[] | undefined) ?? []).entries()) found.push(...unbounded(alt, `${path}|${i}`, components, seen));
  }
  const bounded = (x: Schema) => x.maxLength !== undefined || x.enum !== undefined || x.const !== undefined || x.format === 'date-time' || x.format === 'date';
  if (s.type === 'string' && !bounded(s)) found.push(`${path}: a string without maxLength`);
  if (s.type === 'array') {
    if (s.maxItems === undefined) found.push(`${path}: a list without maxItems`);
    found.push(...unbounded(s.items as Schema, `${path}[]`, components, seen));
  }
  for (const [k, v] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {}))
    found.push(...unbounded(v, `${path}.${k}`, components, seen));
  // JSON kept as sent (x-opaque: an intent, an object characteristic's value) is bounded by its size instead.
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && !s['x-opaque']) found.push(`${path}: a map of any size`);
  return found;
}

/** Every object of a request body that would take fields it does not know (and drop them silently). */
function open_(schema: Schema, path: string, components: Record<string, Schema>, seen = new Set<Schema>()): string[] {
  const s = schema.$ref ? components[schema.$ref.split('/').pop()!]! : schema;
  if (seen.has(s)) return [];
  seen.add(s);
  const found: string[] = [];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, alt] of ((s[key] as Schema[] | undefined) ?? []).entries()) found.push(...open_(alt, `${path}|${i}`, components, seen));
  }
  if (s.type === 'array') found.push(...open_(s.items as Schema, `${path}[]`, components, seen));
  if ((s.type === 'object' || s.properties) && !s['x-opaque']) {
    if (s.additionalProperties !== false) found.push(`${path}: takes unknown fields`);
    for (const [k, v] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) found.push(...open_(v, `${path}.${k}`, components, seen));
  }
  return found;
}

describe('request bounds', () => {
  it('every string and every list of every request has a bound', async () => {
    const { schemas, components } = await requestSchemas();
    expect(schemas.length).toBeGreaterThan(20);
    expect(schemas.flatMap(([path, s]) => unbounded(s, path, components))).toEqual([]);
  });

  it('every object of every request body refuses unknown fields', async () => {
    const { schemas, components } = await requestSchemas();
    expect(schemas.filter(([path]) => path.endsWith(' body')).flatMap(([path, s]) => open_(s, path, components))).toEqual([]);
  });

  it('the check finds an unbounded string, list and map', () => {
    const found = unbounded(
      {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'array', items: { type: 'string', maxLength: 3 } }, c: { type: 'object', additionalProperties: {} } },
      },
      'x',
      {},
    );
    expect(found).toEqual(['x.a: a string without maxLength', 'x.b: a list without maxItems', 'x.c: a map of any size']);
  });
});
