import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import { IsDict, IsPayload } from './custom.validators';
import { FileTransferDto } from './file-transfer.dto';

/**
 * The decorators of the fields that carry what a job does (`command`, `config`, `file_transfer`),
 * shared by `ExecutionRequestDto` and `BulkDevicePayloadDto` so both give the same 422 entries.
 * Each applies its decorators in the order TypeScript applies a stack of them (bottom first).
 */
function stacked(...topToBottom: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of [...topToBottom].reverse()) decorate(target, key);
  };
}

/** `command` / `config`: a string, a list of strings or a dictionary, or absent. */
export const PayloadField = (): PropertyDecorator => stacked(IsOptional(), IsPayload());

/** `file_transfer`: a dictionary validated as a FileTransferDto, or absent. */
export const FileTransferField = (): PropertyDecorator =>
  stacked(IsOptional(), IsDict(), ValidateNested({ message: 'Input should be a valid dictionary or instance of the model' }), Type(() => FileTransferDto));
