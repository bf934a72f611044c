import 'reflect-metadata';

export { ApiError } from './errors/api.error';
export type { FieldError } from './errors/api.error';
export { MIN_SECRET_VALUE_LENGTH, maskSecretText, maskSecretValues, secretValuesOf } from './errors/secret-values';
export { MASK, SECRET_KEYS, SECRET_MAPS, isSecretKey, isSecretPath, maskFieldInput, maskSecrets } from './errors/secret-mask';
export { ResultType, TERMINAL_STATUSES, executionResult } from './jobs/job.types';
export { JsonSyntaxError, JsonToken, JsonTokenizer } from './jobs/json.tokenizer';
export { LARGE_OUTPUT_BYTES, LargeOutput } from './jobs/large-output';
export { Utf8Json } from './jobs/utf8-json';
export { Utf8Output, outputOf, outputText } from './jobs/utf8-output';
export type {
  ConnectionTestResponse,
  DriverExecutionResult,
  JobError,
  JobInResponse,
  JobResult,
  JobStatus,
  ResultMetadata,
  SystemStatsResponse,
  WorkerInResponse,
} from './jobs/job.types';
export { LaxBool, LaxInt, LaxNumber } from './requests/coerce';
export { BulkDevicePayloadDto } from './requests/bulk-device-payload.dto';
export { ConnectionTestDto } from './requests/connection-test.dto';
export { CredentialRefDto } from './requests/credential-ref.dto';
export { IsDict, IsPayload, IsStringMap } from './requests/custom.validators';
export { isPlainObject, pydanticText, validateDto } from './requests/dto.validator';
export { ExecutionRequestDto } from './requests/execution-request.dto';
export type { Payload, QueueStrategy } from './requests/execution-request.dto';
export { CONTRACT_DRIVERS, crossFieldErrors, payloadLines, unknownDriverError } from './requests/execution-request.rules';
export { FileTransferDto } from './requests/file-transfer.dto';
export { TemplateParseDto, TemplateRenderDto } from './requests/template.dto';
export { WebhookDto } from './requests/webhook.dto';
export { formatDatetime, nowMicros } from './time/datetime.format';
export { buildOpenApiDocument } from './openapi/openapi.document';
export type { OpenApiOptions } from './openapi/openapi.document';
export type { JsonSchema, OpenApiDocument } from './openapi/openapi.types';
export { NamedRegistry } from './registry/named.registry';
export type { NamedPlugin } from './registry/named.registry';
