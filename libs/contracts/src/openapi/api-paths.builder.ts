import { ERROR_EXAMPLES } from './openapi.examples';
import type { HttpMethod, JsonSchema, OpenApiOperation, OpenApiParameter, OpenApiPathItem, OpenApiResponse } from './openapi.types';
import { ref } from './response.schemas';

/** Error answers an operation documents besides 403 (added to every operation that needs the key). */
export type ErrorCase = '400' | '400-driver' | '403-storage' | '404' | '409' | '422' | '422-string' | '424' | '500' | '503';

/** One operation of the catalogue, in a compact form the builder expands. */
export interface OperationSpec {
  body?: { description?: string; example: unknown; multipart?: boolean; schema: string };
  description?: string;
  errors: ErrorCase[];
  /** Unique, camelCase; also the anchor of the operation on `/docs`. */
  id: string;
  method: HttpMethod;
  ok: { contentType?: string; description: string; example?: unknown; schema: JsonSchema; status: 200 | 201 };
  params?: OpenApiParameter[];
  path: string;
  /** Served without the API key (`/storage/fetch`). */
  public?: boolean;
  summary: string;
  tag: string;
}

const JSON_TYPE = 'application/json';

export const query = (name: string, description: string, schema: JsonSchema = { type: 'string' }, example?: unknown): OpenApiParameter => ({
  name,
  in: 'query',
  required: false,
  description,
  schema,
  ...(example !== undefined ? { example } : {}),
});

export const pathParam = (name: string, description: string, example: string): OpenApiParameter => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
  example,
});

export const header = (name: string, description: string): OpenApiParameter => ({ name, in: 'header', required: false, description, schema: { type: 'string' } });

function errorResponse(description: string, schema: string, example: unknown): OpenApiResponse {
  return { description, content: { [JSON_TYPE]: { schema: ref(schema), examples: { example: { value: example } } } } };
}

const ERRORS: Record<ErrorCase | '403', [status: string, response: OpenApiResponse]> = {
  '400': ['400', errorResponse('Semantic error (unsupported driver, missing host, credential problem, ...).', 'HTTPError', ERROR_EXAMPLES.badRequest)],
  '400-driver': [
    '400',
    {
      description: 'Semantic error, or the driver rejected `connection_args` (`{"detail": "Validation Error", "errors": [...]}`).',
      content: {
        [JSON_TYPE]: {
          schema: { anyOf: [ref('HTTPError'), ref('DriverValidationError')] },
          examples: { example: { value: ERROR_EXAMPLES.badRequest } },
        },
      },
    },
  ],
  '403': ['403', errorResponse('Missing or wrong API key, or a key without the role the route needs.', 'HTTPError', ERROR_EXAMPLES.forbidden)],
  '403-storage': ['403', errorResponse('A bad or expired signature, or a path outside the staging area.', 'HTTPError', { detail: 'Forbidden' })],
  '404': ['404', errorResponse('Not found.', 'HTTPError', ERROR_EXAMPLES.notFound)],
  '409': ['409', errorResponse('A request with the same `Idempotency-Key` is still being processed.', 'HTTPError', ERROR_EXAMPLES.conflict)],
  '422': ['422', errorResponse('The body failed validation: a list of field errors.', 'HTTPValidationError', ERROR_EXAMPLES.list)],
  '422-string': ['422', errorResponse('The body is not JSON or failed validation: `detail` is a string.', 'ExecValidationError', ERROR_EXAMPLES.execString)],
  '424': ['424', errorResponse('The device could not be reached or refused the login (down, circuit breaker open, bad credentials); the detail says which.', 'HTTPError', { detail: 'Detached task discovery on 127.0.0.1 failed: Connection to 127.0.0.1:22 refused' })],
  '500': ['500', errorResponse('Internal error (e.g. a detached-task job timed out on a busy pinned worker).', 'HTTPError', ERROR_EXAMPLES.internal)],
  '503': ['503', errorResponse('No worker or node can take the job now, or Redis is unavailable (NetPulse 0.4 answers 500 here).', 'HTTPError', ERROR_EXAMPLES.unavailable)],
};

function requestBody(body: NonNullable<OperationSpec['body']>): NonNullable<OpenApiOperation['requestBody']> {
  const content: NonNullable<OpenApiOperation['requestBody']>['content'] = {
    [JSON_TYPE]: { schema: ref(body.schema), examples: { example: { value: body.example } } },
  };
  if (body.multipart) {
    content['multipart/form-data'] = {
      schema: {
        type: 'object',
        required: ['request'],
        properties: {
          request: { type: 'string', description: `The JSON text of a ${body.schema}.` },
          file: { type: 'string', format: 'binary', description: 'Staged for the job (upload source) and deleted when the job ends.' },
        },
      },
    };
  }
  return { required: true, content, ...(body.description ? { description: body.description } : {}) };
}

function operation(spec: OperationSpec): OpenApiOperation {
  const responses: Record<string, OpenApiResponse> = {
    [String(spec.ok.status)]: {
      description: spec.ok.description,
      content: {
        [spec.ok.contentType ?? JSON_TYPE]: {
          schema: spec.ok.schema,
          ...(spec.ok.example !== undefined ? { examples: { example: { value: spec.ok.example } } } : {}),
        },
      },
    },
  };
  const cases: (ErrorCase | '403')[] = spec.public ? spec.errors : ['403', ...spec.errors];
  for (const c of cases) {
    const [status, response] = ERRORS[c];
    responses[status] = response;
  }
  return {
    operationId: spec.id,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.params && spec.params.length > 0 ? { parameters: spec.params } : {}),
    ...(spec.body ? { requestBody: requestBody(spec.body) } : {}),
    responses,
    ...(spec.public ? { security: [] } : {}),
  };
}

/** The `paths` object of the catalogue; fails on a duplicate method+path or operation id. */
export function buildPaths(specs: readonly OperationSpec[]): Record<string, OpenApiPathItem> {
  const paths: Record<string, OpenApiPathItem> = {};
  const ids = new Set<string>();
  for (const spec of specs) {
    const item = (paths[spec.path] ??= {});
    if (item[spec.method]) throw new Error(`duplicate operation ${spec.method.toUpperCase()} ${spec.path}`);
    if (ids.has(spec.id)) throw new Error(`duplicate operationId ${spec.id}`);
    ids.add(spec.id);
    item[spec.method] = operation(spec);
  }
  return paths;
}
