import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@netpulse/config';
import { buildOpenApiDocument } from '@netpulse/contracts';
import { deleteNamespace, freePort, readTestEnv } from '@netpulse/testing';
import { startController } from '../bootstrap';

/** Routes the documentation serves about itself; the OpenAPI document describes the API, not them. */
const DOC_ROUTES = ['GET /openapi.json', 'GET /docs', 'GET /docs/:asset'];

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** "METHOD /path" for every route in the Express router of the running controller. */
function routerRoutes(app: NestExpressApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  return express.router.stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${layer.route!.path}`));
}

/** The document's operations in the router's path syntax: `{id}` → `:id`, a `{x}` spanning `/` → `*x`. */
function documentRoutes(): string[] {
  const doc = buildOpenApiDocument({ version: 'test' }) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema?: { pattern?: string } }[] }>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, (_s, name: string) => (path.startsWith('/storage/fetch/') ? `*${name}` : `:${name}`))}`),
  );
}

describe('the OpenAPI document and the real router', () => {
  const env = readTestEnv();
  const namespace = `${env.namespace}-openapi-routes`;
  let app: NestExpressApplication;

  beforeAll(async () => {
    const port = await freePort();
    const config = loadConfig({
      file: '/nonexistent/config.yaml',
      env: {
        NETPULSE_REDIS__HOST: env.redisHost,
        NETPULSE_REDIS__PORT: String(env.redisPort),
        NETPULSE_REDIS__NAMESPACE: namespace,
        NETPULSE_SERVER__HOST: '127.0.0.1',
        NETPULSE_SERVER__PORT: String(port),
        NETPULSE_SERVER__API_KEY: 'openapi-routes-spec-key',
        NETPULSE_SECURITY__ALLOWED_TARGETS: '["127.0.0.0/8"]',
        NETPULSE_LOG__LEVEL: 'error',
      },
      warn: () => undefined,
    });
    app = await startController(config);
  });

  afterAll(async () => {
    await app?.close();
    await deleteNamespace(env.redisHost, env.redisPort, namespace);
  });

  it('documents exactly the routes the controller serves', () => {
    const served = routerRoutes(app).filter((r) => !DOC_ROUTES.includes(r));
    expect(served.length).toBeGreaterThan(20);
    expect([...new Set(documentRoutes())].sort()).toEqual([...new Set(served)].sort());
  });
});
