import type { JsonSchema } from './openapi.types';
import { PAYLOAD_SCHEMA } from './dto-schema.builder';
import { list, object, orNull, ref, str } from './response.schemas';

/**
 * `POST /device/bulk`. No DTO class exists for the bulk wrapper (the route validates
 * the base through `ExecutionRequestDto` and each device by hand), so the schema composes the
 * generated `ExecutionRequest` with the `devices` list; the base therefore cannot drift either.
 */
export const BULK_SCHEMAS: Record<string, JsonSchema> = {
  BulkDevice: {
    type: 'object',
    additionalProperties: true,
    description:
      "One device: connection-arg keys (`host`, `username`, ... and extras) merged over the base `connection_args`, plus at most one of `command`, `config`, `file_transfer` (more than one → 422 `cannot specify more than one of 'command', 'config', or 'file_transfer'`).",
    properties: {
      host: str('Required after the merge (a device without one lands in `failed`).'),
      command: { ...PAYLOAD_SCHEMA, description: 'Replaces the base payload and clears `config`.' },
      config: { ...PAYLOAD_SCHEMA, description: 'Replaces the base payload and clears `command`.' },
      file_transfer: ref('FileTransferModel'),
    },
  },
  BulkExecutionRequest: {
    description: 'An `ExecutionRequest` (which must itself be valid, `connection_args` may be partial) plus `devices`. `ttl` defaults to 600 here.',
    allOf: [
      ref('ExecutionRequest'),
      {
        type: 'object',
        required: ['devices'],
        properties: {
          devices: list(ref('BulkDevice'), 'Devices in order; may be empty (→ 201 with empty lists).'),
          ttl: { default: 600 },
        },
      },
    ],
  },
  BulkFailure: object<{ host: string | null; reason: string }>('A device that could not be queued, and why.', { host: orNull(str()), reason: str() }),
  BulkExecutionResponse: object<{ failed: unknown[]; succeeded: unknown[] }>('Queued jobs and refused devices (201 even when every device failed).', {
    succeeded: list(ref('JobInResponse')),
    failed: list(ref('BulkFailure')),
  }),
};
