// The thin HTTP layer: translates requests into Temporal client calls and read-model queries.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { createApiMetrics } from '../platform/metrics.js';
import { ReferenceData } from '../db/reference.js';
import { authenticate, authOptions } from './auth.js';
import { ApiRoutes } from './http.js';
import { rateLimits } from './limits.js';
import { notFound, problemHandler } from './problem.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerStaffRoutes } from './routes/staff.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerCalendarRoutes } from './routes/calendar.js';
import { registerHubRoutes } from './routes/hub.js';
import { registerMetricsRoutes } from './routes/metrics.js';
import { registerCustomerRoutes } from './routes/customers.js';
import type { ApiDeps } from './deps.js';
import { registerOrderRoutes } from './routes/orders.js';
import { registerBatchOrderRoutes } from './routes/batch-orders.js';
import { registerOrderDeskRoutes } from './routes/order-desk.js';
import { registerProductCatalogRoutes } from './routes/product-catalog.js';
import { registerProductOrderV5Routes } from './routes/product-order-v5.js';
import { registerReportRoutes } from './routes/reports.js';
import { registerQualityCheckRoutes } from './routes/quality-checks.js';
import { registerWorkOrderCategoryRoutes } from './routes/work-order-categories.js';
import { registerSupervisionRoutes } from './routes/supervision.js';
import { registerAccountManagerRoutes } from './routes/account-managers.js';
import { registerSystemRoutes } from './routes/system.js';
import { registerAuditRoutes } from './routes/audit.js';
import { registerWorkOrderRoutes } from './routes/work-orders.js';
import { registerServiceRequestOrderRoutes } from './routes/service-request-order.js';
import { registerTroubleTicketV5Routes } from './routes/trouble-ticket-v5.js';
import { serveWebApp } from './web-app.js';
import { WorklistFeed } from './worklist-feed.js';

export type { ApiDeps };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function createApp(deps: ApiDeps): express.Express {
  const metrics = deps.metrics ?? createApiMetrics();
  const worklistFeed = deps.worklistFeed ?? new WorklistFeed({ orm: deps.orm, logger: deps.logger, databaseUrl: deps.config.DATABASE_URL });
  deps = { ...deps, metrics, worklistFeed };
  const app = express();
  // Stopped by whoever stops the process (api/main.ts, the harness): it ends the open event streams.
  app.locals.worklistFeed = worklistFeed;
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.set('trust proxy', deps.config.API_TRUST_PROXY);
  const limits = rateLimits(deps.config, deps.logger);

  // A request id on every response and log line: the caller's, when it is sane, or a new one.
  app.use((req, res, next) => {
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader('x-request-id', id);
    (req as { id?: string }).id = id;
    next();
  });
  app.use(metrics.http);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug'),
      serializers: { req: (r) => ({ method: r.method, url: r.url }), res: (r) => ({ statusCode: r.statusCode }) },
    }),
  );
  app.use(limits.perAddress);
  app.use(express.json({ limit: '256kb', type: ['application/json', 'application/*+json'] }));

  const routes = new ApiRoutes();
  const reference = new ReferenceData(() => deps.orm.em.fork());
  registerHealthRoutes(routes, deps);
  registerAuthRoutes(routes, deps, limits.login);
  registerStaffRoutes(routes, deps);
  const orders = registerOrderRoutes(routes, { ...deps, reference });
  registerProductOrderV5Routes(routes, { ...deps, reference }, orders);
  registerOrderDeskRoutes(routes, { ...deps, reference });
  registerProductCatalogRoutes(routes, { ...deps, reference });
  registerBatchOrderRoutes(routes, { ...deps, reference });
  registerWorkOrderRoutes(routes, deps);
  registerServiceRequestOrderRoutes(routes, { ...deps, reference }, orders);
  registerTroubleTicketV5Routes(routes, deps);
  registerCustomerRoutes(routes, deps);
  registerReportRoutes(routes, deps);
  registerQualityCheckRoutes(routes, deps);
  registerWorkOrderCategoryRoutes(routes);
  registerSupervisionRoutes(routes, deps);
  registerAccountManagerRoutes(routes, deps);
  registerAuditRoutes(routes, deps);
  registerSystemRoutes(routes, deps);
  registerCalendarRoutes(routes, deps);
  registerHubRoutes(routes, deps);
  registerMetricsRoutes(routes, metrics, deps.config);

  const router = express.Router();
  routes.mount(router, limits.authenticated(authenticate(authOptions(deps.config, () => deps.orm.em.fork()))));
  app.use(router);

  const openapi = routes.openapi({
    title: 'Telecom order and work-order orchestration API',
    version: '0.1.0',
    description: 'Order fulfilment (TMF622-shaped) and electronic work orders (TMF621-shaped) on Temporal. Errors are application/problem+json.',
  });
  app.get('/openapi.json', (_req, res) => void res.json(openapi));
  // Also read without a server: scripts/web.ts generates the web client's types from it.
  app.locals.openapi = openapi;
  const swaggerDir = createRequire(import.meta.url)
    .resolve('swagger-ui-dist/package.json')
    .replace(/package\.json$/, '');
  app.get('/docs', (_req, res) => void res.type('html').send(DOCS_PAGE));
  app.use('/docs/assets', express.static(swaggerDir, { index: false }));
  serveWebApp(app);

  app.use((req, _res, next) => next(notFound(`no route for ${req.method} ${req.path}`)));
  app.use(problemHandler);
  return app;
}

const DOCS_PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>API — telecom orchestration</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui' });</script>
</body></html>`;
