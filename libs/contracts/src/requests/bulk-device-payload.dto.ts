import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { IsDict, IsPayload } from './custom.validators';
import type { Payload } from './execution-request.dto';
import { FileTransferDto } from './file-transfer.dto';

/**
 * The payload a device of `POST /device/bulk` may bring in place of the request's: the same
 * decorators (and so the same 422 entries) as those fields of ExecutionRequestDto, which the rest of
 * a bulk request is validated against once (the bulk parser's spec compares both ways over a table).
 */
export class BulkDevicePayloadDto {
  @IsOptional()
  @IsPayload()
  command?: Payload | null = null;

  @IsOptional()
  @IsPayload()
  config?: Payload | null = null;

  @IsOptional()
  @IsDict()
  @ValidateNested({ message: 'Input should be a valid dictionary or instance of the model' })
  @Type(() => FileTransferDto)
  file_transfer?: FileTransferDto | null = null;
}
