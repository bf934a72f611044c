import { buildPaths } from './api-paths.builder';
import { API_OPERATIONS } from './api.operations';
import { AUDIT_SCHEMAS } from './audit.schemas';
import { BULK_SCHEMAS } from './bulk.schemas';
import { DETACHED_TASK_SCHEMAS } from './detached-task.schemas';
import { buildDtoSchemas } from './dto-schema.builder';
import { ERROR_SCHEMAS } from './error.schemas';
import type { OpenApiDocument, OpenApiSecurityScheme } from './openapi.types';
import { REQUEST_DTO_ENTRIES } from './request.schemas';
import { RESPONSE_SCHEMAS } from './response.schemas';

/** Options of `buildOpenApiDocument`. */
export interface OpenApiOptions {
  /** Name of the API key in the header, query and cookie (`server.api_key_name`). Default: `X-API-KEY`. */
  apiKeyName?: string;
  /** Base URL clients use (`server.external_url`); omitted → the document has no `servers` (same origin). */
  serverUrl?: string;
  /** The server's version, shown as `info.version`. Required. */
  version: string;
}

const TAGS = [
  { name: 'device', description: 'Run commands and configs on devices; test connections.' },
  { name: 'jobs', description: 'Read, list, cancel and stop jobs.' },
  { name: 'workers', description: 'List workers; ask them to shut down.' },
  { name: 'system', description: 'Health and statistics.' },
  { name: 'templates', description: 'Render (Jinja2) and parse (TextFSM) text.' },
  { name: 'detached-tasks', description: 'Background tasks of the paramiko driver.' },
  { name: 'storage', description: 'Files fetched from devices.' },
  { name: 'audit', description: 'Who did what, from where, and how it ended (admin role).' },
];

/**
 * The OpenAPI 3.1 document of the G3 API. Request schemas come from the
 * class-validator DTOs that validate the requests; response schemas are typed against the wire
 * interfaces. Built on demand: cheap enough, and nothing is cached across config changes in tests.
 */
export function buildOpenApiDocument(options: OpenApiOptions): OpenApiDocument {
  if (typeof options.version !== 'string' || options.version === '') throw new Error('version must be a non-empty string');
  const keyName = options.apiKeyName ?? 'X-API-KEY';
  const scheme = (where: OpenApiSecurityScheme['in']): OpenApiSecurityScheme => ({
    type: 'apiKey',
    in: where,
    name: keyName,
    description: `An API key (\`server.api_key\`, or a named key of \`server.api_keys\` with its role) in the ${where} \`${keyName}\`. Any one of header, query or cookie is enough.`,
  });
  const doc: OpenApiDocument = {
    openapi: '3.1.0',
    info: {
      title: 'NetPulse API',
      version: options.version,
      description:
        'Runs commands and configs on network devices over SSH and HTTP, wire-compatible with the NetPulse 0.4 REST API. Every route except `/storage/fetch` needs the API key; without it the answer is 403 `{"detail": "Invalid or missing API key."}`. Named keys have a role: `read` (GET routes), `operate` (jobs, bulk, tests, templates, cancelling, killing a detached task) or `admin` (everything, including workers, clearing detached tasks and the audit trail); a key below the route\'s role gets 403 naming the role needed.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    tags: TAGS,
    paths: buildPaths(API_OPERATIONS),
    components: {
      schemas: { ...buildDtoSchemas(REQUEST_DTO_ENTRIES), ...BULK_SCHEMAS, ...RESPONSE_SCHEMAS, ...DETACHED_TASK_SCHEMAS, ...AUDIT_SCHEMAS, ...ERROR_SCHEMAS },
      securitySchemes: { ApiKeyHeader: scheme('header'), ApiKeyQuery: scheme('query'), ApiKeyCookie: scheme('cookie') },
    },
    // Alternatives: a request is authorised by any one of them.
    security: [{ ApiKeyHeader: [] }, { ApiKeyQuery: [] }, { ApiKeyCookie: [] }],
  };
  if (options.serverUrl) doc.servers = [{ url: options.serverUrl.replace(/\/+$/, '') }];
  return doc;
}
