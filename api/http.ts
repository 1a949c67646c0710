// Routes are declared once, with zod schemas for params, query, headers and body: the same
// declaration validates requests, checks roles and generates the OpenAPI document.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Principal, Role } from '../domain/access.js';
import { requireRole } from './auth.js';
import { badRequest, fieldErrors, ProblemError, ProblemSchema, unauthorized } from './problem.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerContext<P, Q, B, H> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  headers: H;
  principal: Principal;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  contentType?: string;
  /** The handler answered itself (a stream: server-sent events); nothing more is written. */
  handled?: boolean;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, H extends z.ZodType> {
  method: Method;
  /** Express-style path, e.g. /productOrder/:id */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Roles that may call it (admin always may); `public` for unauthenticated routes. */
  roles: Role[] | 'public';
  params?: P;
  query?: Q;
  body?: B;
  /** Media types the body may come as (default application/json); another is a 415 naming these. */
  bodyTypes?: string[];
  headers?: H;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handler: (ctx: HandlerContext<z.infer<P>, z.infer<Q>, z.infer<B>, z.infer<H>>) => Promise<Reply> | Reply;
}

type AnySpec = RouteSpec<z.ZodType, z.ZodType, z.ZodType, z.ZodType>;

/**
 * The first string (value or key) PostgreSQL could not store — a NUL byte (text and jsonb refuse it) or
 * a lone UTF-16 surrogate (jsonb refuses it) — as a field path; no schema allows either.
 */
function unstorableString(value: unknown): string | undefined {
  const bad = (s: string) => s.includes('\u0000') || !(s as string & { isWellFormed(): boolean }).isWellFormed();
  // Iterative: a body may nest as deep as its size allows.
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (bad(v)) return path;
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        if (bad(k)) return p;
        stack.push([x, p]);
      }
    }
  }
  return undefined;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string) {
  if (!schema) return value;
  const unstorable = unstorableString(value);
  if (unstorable !== undefined) {
    const field = where === 'body' ? unstorable : `${where}.${unstorable}`;
    throw badRequest(`The request ${where} is not valid`, [
      { field, message: 'NUL characters and unpaired surrogates are not allowed', code: 'invalid_string' },
    ]);
  }
  const r = schema.safeParse(value);
  if (!r.success) throw badRequest(`The request ${where} is not valid`, fieldErrors(r.error, where === 'body' ? '' : `${where}.`));
  return r.data;
}

export class ApiRoutes {
  private readonly specs: AnySpec[] = [];

  add<P extends z.ZodType = z.ZodAny, Q extends z.ZodType = z.ZodAny, B extends z.ZodType = z.ZodAny, H extends z.ZodType = z.ZodAny>(
    spec: RouteSpec<P, Q, B, H>,
  ): this {
    const s = spec as unknown as AnySpec;
    // An unknown query parameter is refused, naming it, not ignored (a misspelt filter would return an unfiltered page).
    this.specs.push(s.query instanceof z.ZodObject ? { ...s, query: s.query.strict() } : s);
    return this;
  }

  /** Mounts every route on a router; `authenticate` (one handler or several in turn) runs before the non-public ones. */
  mount(router: Router, authenticate: express.RequestHandler | express.RequestHandler[]): void {
    for (const spec of this.specs) {
      const chain: express.RequestHandler[] = spec.roles === 'public' ? [] : [authenticate, requireRole(...spec.roles)].flat();
      router[spec.method](spec.path, ...chain, async (req, res) => {
        if (spec.bodyTypes && req.body !== undefined && !req.is(spec.bodyTypes)) {
          throw new ProblemError(415, 'Unsupported Media Type', `The body must be ${spec.bodyTypes.join(' or ')}`);
        }
        if (spec.body && !req.is('application/json') && req.body === undefined) {
          throw new ProblemError(415, 'Unsupported Media Type', 'The body must be JSON (Content-Type: application/json)');
        }
        const ctx = {
          req,
          res,
          params: parsePart(spec.params, req.params, 'path'),
          query: parsePart(spec.query, req.query, 'query'),
          headers: parsePart(spec.headers, req.headers, 'header'),
          body: parsePart(spec.body, req.body, 'body'),
          principal: req.principal as Principal,
        };
        if (spec.roles !== 'public' && !ctx.principal) throw unauthorized('not authenticated');
        const reply = await spec.handler(ctx);
        if (reply.handled) return;
        for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
        res.status(reply.status ?? 200);
        if (reply.body === undefined) res.end();
        else if (reply.contentType && typeof reply.body === 'string') res.type(reply.contentType).send(reply.body);
        else res.json(reply.body);
      });
    }
  }

  openapi(info: { title: string; version: string; description?: string }) {
    const components: Record<string, unknown> = {};
    const hoist = (schema: z.ZodType) => toSchema(schema, components);
    // Named (.meta id): its definition lands in components; what comes back is only a $ref to it.
    hoist(ProblemSchema);
    const paths: Record<string, Record<string, unknown>> = {};
    for (const s of this.specs) {
      const path = s.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const parameters = [...objectParams(s.params, 'path', hoist), ...objectParams(s.query, 'query', hoist), ...objectParams(s.headers, 'header', hoist)];
      const responses: Record<string, unknown> = {};
      for (const [status, r] of Object.entries(s.responses)) {
        responses[status] = {
          description: r.description,
          ...(r.schema ? { content: { [r.contentType ?? 'application/json']: { schema: hoist(r.schema) } } } : {}),
        };
      }
      for (const status of s.roles === 'public' ? ['400'] : ['400', '401', '403']) {
        responses[status] ??= { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
      }
      (paths[path] ??= {})[s.method] = {
        summary: s.summary,
        ...(s.description ? { description: s.description } : {}),
        tags: s.tags,
        ...(s.roles === 'public' ? { security: [] } : { 'x-roles': s.roles }),
        ...(parameters.length ? { parameters } : {}),
        ...(s.body
          ? { requestBody: { required: true, content: Object.fromEntries((s.bodyTypes ?? ['application/json']).map((t) => [t, { schema: hoist(s.body!) }])) } }
          : {}),
        responses,
      };
    }
    return {
      openapi: '3.0.3',
      info,
      paths,
      components: {
        schemas: components,
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    };
  }
}

/** zod → OpenAPI 3.0 schema; named sub-schemas (.meta({id})) move to components. */
function toSchema(schema: z.ZodType, components: Record<string, unknown>): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' }) as Record<string, unknown>;
  const defs = (json.definitions ?? {}) as Record<string, unknown>;
  delete json.definitions;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        out[k] = k === '$ref' && typeof v === 'string' ? v.replace('#/definitions/', '#/components/schemas/') : rewrite(v);
      }
      return out;
    }
    return node;
  };
  for (const [name, def] of Object.entries(defs)) components[name] = rewrite(def);
  // A named schema comes back as a $ref to its own definition, already moved to components.
  return rewrite(json) as Record<string, unknown>;
}

function objectParams(schema: z.ZodType | undefined, where: 'path' | 'query' | 'header', hoist: (s: z.ZodType) => unknown) {
  if (!schema || !(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || !s.safeParse(undefined).success,
    ...(s.description ? { description: s.description } : {}),
    schema: hoist(s),
  }));
}
