import 'reflect-metadata';
import SwaggerParser from '@apidevtools/swagger-parser';
import { validateDto } from '../requests/dto.validator';
import { ExecutionRequestDto } from '../requests/execution-request.dto';
import { buildOpenApiDocument } from './openapi.document';
import type { JsonSchema, OpenApiDocument, OpenApiOperation } from './openapi.types';

/** The catalogue of NetPulse 0.4 endpoints as method + path. */
const CATALOGUE = [
  'POST /device/exec',
  'POST /device/bulk',
  'POST /device/test',
  'GET /jobs',
  'DELETE /jobs',
  'GET /jobs/{id}',
  'GET /jobs/{id}/events',
  'DELETE /jobs/{id}',
  'GET /workers',
  'DELETE /workers',
  'DELETE /workers/{name}',
  'GET /health',
  'GET /system/stats',
  'POST /template/render',
  'POST /template/render/{name}',
  'POST /template/parse',
  'POST /template/parse/{name}',
  'GET /detached-tasks',
  'DELETE /detached-tasks',
  'GET /detached-tasks/{task_id}',
  'DELETE /detached-tasks/{task_id}',
  'POST /detached-tasks/discover',
  'GET /storage/fetch/{file_id}',
  'GET /audit',
];

function operations(doc: OpenApiDocument): [string, OpenApiOperation][] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]): [string, OpenApiOperation] => [`${method.toUpperCase()} ${path}`, op]));
}

function schema(doc: OpenApiDocument, name: string): JsonSchema {
  const s = doc.components.schemas[name];
  if (!s) throw new Error(`no schema ${name}`);
  return s;
}

describe('buildOpenApiDocument', () => {
  const sut = buildOpenApiDocument({ version: '0.1.0', serverUrl: 'http://127.0.0.1:9000/' });

  it('is a valid OpenAPI 3.1 document (swagger-parser, offline)', async () => {
    // validate() dereferences in place: hand it a copy.
    const copy = JSON.parse(JSON.stringify(sut)) as Parameters<typeof SwaggerParser.validate>[0];
    await expect(SwaggerParser.validate(copy)).resolves.toBeDefined();
    expect(sut.openapi).toBe('3.1.0');
    expect(sut.info.version).toBe('0.1.0');
    expect(sut.servers).toEqual([{ url: 'http://127.0.0.1:9000' }]);
  });

  it('is rejected by the same validator once broken (the check is not a no-op)', async () => {
    const broken = JSON.parse(JSON.stringify(sut)) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    broken.paths['/health'].get.responses['200'] = { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Nope' } } } };
    await expect(SwaggerParser.validate(broken as unknown as Parameters<typeof SwaggerParser.validate>[0])).rejects.toThrow();
  });

  it('declares every templated path segment as a required path parameter', () => {
    // swagger-parser checks this for 3.0 documents but not for 3.1 ones.
    for (const [key, op] of operations(sut)) {
      const names = [...key.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name);
      expect([key, declared.sort()]).toEqual([key, names.sort()]);
    }
  });

  it('has every operation of the contract catalogue, and nothing else', () => {
    expect(operations(sut).map(([k]) => k).sort()).toEqual([...CATALOGUE].sort());
  });

  it('gives every operation an example, a summary and a 2xx answer', () => {
    for (const [key, op] of operations(sut)) {
      const ok = Object.entries(op.responses).find(([s]) => s.startsWith('2'));
      expect([key, ok && Object.values(ok[1].content ?? {})[0]?.examples?.example]).toEqual([key, expect.anything()]);
      expect(op.summary.length).toBeGreaterThan(0);
      if (op.requestBody) expect(op.requestBody.content['application/json'].examples?.example.value).toBeDefined();
    }
  });

  it('uses only loopback addresses in examples', () => {
    const text = JSON.stringify(sut);
    const ips = text.match(/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g) ?? [];
    expect(ips.length).toBeGreaterThan(0);
    for (const ip of ips) expect(ip).toMatch(/^127\./);
  });

  it('declares the API key in header, query and cookie under one name, any one sufficing', () => {
    expect(sut.components.securitySchemes).toEqual({
      ApiKeyHeader: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'X-API-KEY' }),
      ApiKeyQuery: expect.objectContaining({ type: 'apiKey', in: 'query', name: 'X-API-KEY' }),
      ApiKeyCookie: expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'X-API-KEY' }),
    });
    expect(sut.security).toEqual([{ ApiKeyHeader: [] }, { ApiKeyQuery: [] }, { ApiKeyCookie: [] }]);
    const custom = buildOpenApiDocument({ version: '1', apiKeyName: 'X-Token' });
    expect(Object.values(custom.components.securitySchemes).map((s) => s.name)).toEqual(['X-Token', 'X-Token', 'X-Token']);
    expect(custom.servers).toBeUndefined();
  });

  it('answers 403 everywhere except the signed storage download', () => {
    for (const [key, op] of operations(sut)) {
      if (key.startsWith('GET /storage/')) {
        expect(op.security).toEqual([]);
      } else {
        expect(op.responses['403']?.content?.['application/json'].examples?.example.value).toEqual({ detail: 'Invalid or missing API key.' });
      }
    }
  });

  it('documents both 422 forms: a string for /device/exec, a list elsewhere', () => {
    const byKey = new Map(operations(sut));
    expect(byKey.get('POST /device/exec')?.responses['422'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/ExecValidationError' });
    expect(byKey.get('POST /device/test')?.responses['422'].content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/HTTPValidationError' });
    expect(byKey.get('POST /device/exec')?.responses['503']).toBeDefined();
    expect(byKey.get('POST /device/exec')?.requestBody?.content['multipart/form-data']).toBeDefined();
  });

  it('generates ExecutionRequest from the DTO: required fields, bounds, defaults, nullability', () => {
    const s = schema(sut, 'ExecutionRequest');
    expect(s.required).toEqual(['driver', 'connection_args']);
    expect(s.additionalProperties).toBe(true);
    const p = s.properties ?? {};
    expect(p.ttl).toMatchObject({ type: ['integer', 'null'], minimum: 1, maximum: 86400, default: 300 });
    expect(p.result_ttl).toMatchObject({ minimum: 60, maximum: 604800, default: null });
    expect(p.queue_strategy).toMatchObject({ enum: ['fifo', 'pinned', null] });
    expect(p.audit_mode).toMatchObject({ default: 'full' });
    expect(p.webhook).toMatchObject({ anyOf: [{ $ref: '#/components/schemas/WebHook' }, { type: 'null' }] });
    expect(p.credential).toMatchObject({ anyOf: [{ $ref: '#/components/schemas/CredentialRef' }, { type: 'null' }] });
    expect(p.command.anyOf?.map((a) => a.type)).toEqual(['string', 'array', 'object', 'null']);
  });

  it('follows a DTO change: every property the validator knows is in the schema, with its instance default', () => {
    const instance = new ExecutionRequestDto() as unknown as Record<string, unknown>;
    const props = schema(sut, 'ExecutionRequest').properties ?? {};
    for (const [k, v] of Object.entries(instance)) expect([k, props[k]?.default]).toEqual([k, v]);
    expect(schema(sut, 'WebHook').properties?.retry_intervals).toMatchObject({ default: [10, 30, 120], items: { type: 'integer', minimum: 0 } });
    expect(schema(sut, 'WebHook').required).toEqual(['url']);
    expect(schema(sut, 'FileTransferModel').required).toEqual(['operation', 'remote_path']);
  });

  it('agrees with the validator on the example requests', () => {
    for (const [key, op] of operations(sut)) {
      const body = op.requestBody?.content['application/json'];
      if (body?.schema.$ref !== '#/components/schemas/ExecutionRequest') continue;
      expect([key, validateDto(ExecutionRequestDto, body.examples?.example.value).errors]).toEqual([key, []]);
    }
  });

  it('describes the response shapes of NetPulse 0.4', () => {
    expect(schema(sut, 'JobInResponse').required).toEqual([
      'id',
      'status',
      'created_at',
      'enqueued_at',
      'started_at',
      'ended_at',
      'queue',
      'worker',
      'result',
      'task_id',
      'device_name',
      'command',
      'duration',
      'queue_time',
    ]);
    expect(schema(sut, 'JobResult').properties?.type).toMatchObject({ enum: [1, 2, 3, 4] });
    expect(Object.keys(schema(sut, 'DriverExecutionResult').properties ?? {})).toEqual(['command', 'stdout', 'stderr', 'exit_status', 'download_url', 'metadata', 'parsed']);
    expect(Object.keys(schema(sut, 'SystemStatsResponse').properties ?? {})).toEqual(['status', 'workers', 'jobs', 'nodes', 'self_healing', 'uptime_seconds']);
    expect(schema(sut, 'BulkExecutionResponse').required).toEqual(['succeeded', 'failed']);
    for (const name of ['WorkerInResponse', 'ConnectionTestResponse', 'HTTPError', 'HTTPValidationError', 'ExecValidationError', 'DriverValidationError']) {
      expect(schema(sut, name).type).toBe('object');
    }
  });

  it('rejects a missing version by name', () => {
    expect(() => buildOpenApiDocument({ version: '' })).toThrow('version must be a non-empty string');
  });
});
