import 'reflect-metadata';
import { NotFoundException } from '@nestjs/common';
import type { AppConfig } from '@netpulse/config';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import { ApiDocsController } from './api-docs.controller';

/** Records what the handler answered instead of writing to a socket. */
function recorder(): { res: Response; sent: { file?: string; type?: string; body?: string } } {
  const sent: { file?: string; type?: string; body?: string } = {};
  const res = {
    sendFile: (file: string) => void (sent.file = file),
    type(t: string) {
      sent.type = t;
      return this;
    },
    send: (body: string) => void (sent.body = body),
  } as unknown as Response;
  return { res, sent };
}

describe('ApiDocsController', () => {
  const config = { value: { server: { api_key_name: 'X-API-KEY', external_url: null } } } as unknown as AppConfig;
  const ctrl = new ApiDocsController(config);

  it('serves a Swagger UI page whose every file is served by the controller itself (no CDN, no inline script)', () => {
    const html = ctrl.docs();
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>[^<]/);
    const refs = [...html.matchAll(/(?:src|href)="\/docs\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(expect.arrayContaining(['swagger-ui.css', 'swagger-ui-bundle.js', 'docs-init.js']));
    for (const asset of refs) {
      const { res, sent } = recorder();
      ctrl.asset(asset, res);
      if (sent.file) expect(existsSync(sent.file)).toBe(true);
      else expect(sent.type).toBe('application/javascript');
    }
  });

  it('starts Swagger UI on the same-origin OpenAPI document', () => {
    const { res, sent } = recorder();
    ctrl.asset('docs-init.js', res);
    expect(sent.body).toContain('url: "/openapi.json"');
  });

  it('answers 404 for any other name, so no other file of node_modules is reachable', () => {
    for (const name of ['package.json', 'index.html', '..', 'swagger-ui-bundle.js.map']) expect(() => ctrl.asset(name, recorder().res)).toThrow(NotFoundException);
  });

  it('serves the OpenAPI document', () => {
    expect(ctrl.openapi()).toMatchObject({ openapi: expect.stringMatching(/^3\./) });
  });
});
