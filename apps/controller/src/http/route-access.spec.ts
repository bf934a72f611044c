import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ControllerModule } from '../controller.module';
import { ACCESS_METADATA } from './access.decorator';

/** What each route of the API needs. A new route must be added here with its role, on purpose. */
const EXPECTED: Record<string, string> = {
  'GET /audit': 'admin',
  'GET /detached-tasks': 'read',
  'DELETE /detached-tasks': 'admin',
  'POST /detached-tasks/discover': 'operate',
  'GET /detached-tasks/:task_id': 'read',
  'DELETE /detached-tasks/:task_id': 'operate',
  'POST /device/exec': 'operate',
  'POST /device/bulk': 'operate',
  'POST /device/test': 'operate',
  'GET /jobs': 'read',
  'GET /jobs/:id': 'read',
  'GET /jobs/:id/events': 'read',
  'DELETE /jobs/:id': 'operate',
  'DELETE /jobs': 'operate',
  'GET /storage/fetch/*file_id': 'public',
  'GET /openapi.json': 'public',
  'GET /docs': 'public',
  'GET /docs/:asset': 'public',
  'GET /health': 'read',
  'GET /system/stats': 'read',
  'POST /template/render': 'operate',
  'POST /template/render/:name': 'operate',
  'POST /template/parse': 'operate',
  'POST /template/parse/:name': 'operate',
  'GET /workers': 'read',
  'DELETE /workers/:name': 'admin',
  'DELETE /workers': 'admin',
};

function join(base: string, path: string): string {
  return `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
}

/** Every route the controller app mounts, read from the same metadata Nest's router is built from. */
function routes(): { route: string; access: unknown }[] {
  const out: { route: string; access: unknown }[] = [];
  const controllers = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, ControllerModule) as (new (...a: never[]) => unknown)[];
  for (const ctrl of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
    const proto = ctrl.prototype as Record<string, unknown>;
    for (const key of Object.getOwnPropertyNames(proto)) {
      const handler = proto[key];
      if (key === 'constructor' || typeof handler !== 'function') continue;
      const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (paths === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      for (const p of Array.isArray(paths) ? paths : [paths]) out.push({ route: `${method} ${join(base, p)}`, access: Reflect.getMetadata(ACCESS_METADATA, handler) });
    }
  }
  return out;
}

describe('route access', () => {
  it('every route of the router declares its role', () => {
    const found = routes();
    expect(found.length).toBeGreaterThan(20);
    expect(found.filter((r) => r.access === undefined).map((r) => r.route)).toEqual([]);
    expect(Object.fromEntries(found.map((r) => [r.route, r.access]))).toEqual(EXPECTED);
  });
});
