import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Min } from 'class-validator';
import { LaxBool, LaxInt } from './coerce';

/** `file_transfer` of a request. */
export class FileTransferDto {
  @IsIn(['upload', 'download'], { message: "Input should be 'upload' or 'download'" })
  operation!: 'upload' | 'download';

  @IsString({ message: 'Input should be a valid string' })
  remote_path!: string;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  local_path?: string | null = null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  overwrite: boolean = true;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  resume: boolean = false;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  recursive: boolean = false;

  @IsIn(['full', 'hash'], { message: "Input should be 'full' or 'hash'" })
  sync_mode: 'full' | 'hash' = 'full';

  @IsString({ message: 'Input should be a valid string' })
  hash_algorithm: string = 'md5';

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  verify_file: boolean = true;

  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(1, { message: 'Input should be greater than or equal to 1' })
  chunk_size: number = 32768;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  chmod?: string | null = null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  execute_after_upload: boolean = false;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  execute_command?: string | null = null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  cleanup_after_exec: boolean = true;
}
