import type { FieldError } from '../errors/api.error';
import type { JsonSchema } from './openapi.types';
import { list, object, ref, str } from './response.schemas';

/** Error bodies as NetPulse 0.4 sends them (plus our 503 when nothing can take a job). */
export const ERROR_SCHEMAS: Record<string, JsonSchema> = {
  HTTPError: object<{ detail: string }>('`{"detail": "<message>"}`: 400 semantic errors, 403 bad key, 404, 409, 503 no capacity, 500.', { detail: str() }),
  ValidationErrorItem: {
    ...object<FieldError>('One FastAPI-style validation error. Secrets inside `input` are masked.', {
      type: str('pydantic error type, e.g. `missing`, `int_type`, `greater_than_equal`, `value_error`.'),
      loc: list({ anyOf: [{ type: 'string' }, { type: 'integer' }] }, 'Path of the field, starting with `body` (or `query`).'),
      msg: str('Model-level rules start with `Value error, `.'),
      input: { description: 'The rejected value (secret-bearing keys masked as `******`).' },
      ctx: { type: 'object', additionalProperties: true },
    }),
    required: ['type', 'loc', 'msg', 'input'],
  },
  HTTPValidationError: object<{ detail: FieldError[] }>('422 of every typed body except `/device/exec`: a list of field errors.', {
    detail: list(ref('ValidationErrorItem')),
  }),
  ExecValidationError: object<{ detail: string }>(
    '422 of `POST /device/exec`: a string, `Invalid JSON request: <pydantic error text>` (multipart: `Invalid \'request\' JSON: ...`).',
    { detail: str() },
  ),
  DriverValidationError: object<{ detail: string; errors: FieldError[] }>('400 when a driver re-validates `connection_args` and rejects them.', {
    detail: { type: 'string', const: 'Validation Error' },
    errors: list(ref('ValidationErrorItem')),
  }),
};
