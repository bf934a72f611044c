import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';
import { LaxBool, LaxInt } from './coerce';
import { ConnectionTestDto } from './connection-test.dto';
import { IsDict } from './custom.validators';
import { FileTransferDto } from './file-transfer.dto';
import { TemplateParseDto, TemplateRenderDto } from './template.dto';
import { WebhookDto } from './webhook.dto';
import { FileTransferField, PayloadField } from './payload.fields';

export type Payload = string | string[] | Record<string, unknown>;
export type QueueStrategy = 'fifo' | 'pinned';

const nested = { message: 'Input should be a valid dictionary or instance of the model' };

/**
 * Body of `POST /device/exec`. Unknown top-level keys are kept (`extra=allow`);
 * drivers read theirs (`save`, `enable_mode`, ...). The driver name is checked against the driver
 * registry afterwards, so plugins add names without touching this class.
 */
export class ExecutionRequestDto extends ConnectionTestDto {
  @PayloadField()
  command?: Payload | null = null;

  @PayloadField()
  config?: Payload | null = null;

  @FileTransferField()
  file_transfer?: FileTransferDto | null = null;

  @IsOptional()
  @IsDict()
  driver_args?: Record<string, unknown> | null = null;

  @IsOptional()
  @IsDict()
  @ValidateNested(nested)
  @Type(() => TemplateRenderDto)
  rendering?: TemplateRenderDto | null = null;

  @IsOptional()
  @IsDict()
  @ValidateNested(nested)
  @Type(() => TemplateParseDto)
  parsing?: TemplateParseDto | null = null;

  @IsOptional()
  @IsIn(['fifo', 'pinned'], { message: "Input should be 'fifo' or 'pinned'" })
  queue_strategy?: QueueStrategy | null = null;

  @IsOptional()
  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(1, { message: 'Input should be greater than or equal to 1' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  ttl?: number | null = 300;

  @IsOptional()
  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(1, { message: 'Input should be greater than or equal to 1' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  execution_timeout?: number | null = null;

  @IsOptional()
  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(60, { message: 'Input should be greater than or equal to 60' })
  @Max(604800, { message: 'Input should be less than or equal to 604800' })
  result_ttl?: number | null = null;

  @IsOptional()
  @IsIn(['full', 'metadata', 'none'], { message: "Input should be 'full', 'metadata' or 'none'" })
  audit_mode?: 'full' | 'metadata' | 'none' = 'full';

  @IsOptional()
  @IsDict()
  @ValidateNested(nested)
  @Type(() => WebhookDto)
  webhook?: WebhookDto | null = null;

  @IsOptional()
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  detach?: boolean = false;

  @IsOptional()
  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(1, { message: 'Input should be greater than or equal to 1' })
  @Max(3600, { message: 'Input should be less than or equal to 3600' })
  push_interval?: number | null = null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  staged_file_id?: string | null = null;

  [extra: string]: unknown;
}
