import type { Payload } from './execution-request.dto';
import { FileTransferDto } from './file-transfer.dto';
import { FileTransferField, PayloadField } from './payload.fields';

/**
 * The payload a device of `POST /device/bulk` may bring in place of the request's: the same
 * field decorators (and so the same 422 entries) as those fields of ExecutionRequestDto, which the rest of
 * a bulk request is validated against once (the bulk parser's spec compares both ways over a table).
 */
export class BulkDevicePayloadDto {
  @PayloadField()
  command?: Payload | null = null;

  @PayloadField()
  config?: Payload | null = null;

  @FileTransferField()
  file_transfer?: FileTransferDto | null = null;
}
