import { LaxBool, LaxInt, LaxNumber } from '@netpulse/contracts';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * `connection_args` of the pyeapi driver. Unknown keys (`device_type`, `keepalive`,
 * a client's `site`) are accepted and ignored.
 */
export class PyeapiConnectionArgsDto {
  @IsIn(['https', 'http'], { message: "Input should be 'https' or 'http'" })
  transport: 'https' | 'http' = 'https';

  @IsString({ message: 'Input should be a valid string' })
  host: string = 'localhost';

  @IsString({ message: 'Input should be a valid string' })
  username: string = 'admin';

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  password?: string | null;

  /** Default: 443 for https, 80 for http. */
  @IsOptional()
  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(1, { message: 'Input should be greater than or equal to 1' })
  @Max(65535, { message: 'Input should be less than or equal to 65535' })
  port?: number | null;

  /** Seconds per eAPI request. */
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.1, { message: 'Input should be greater than 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  timeout: number = 60;

  /**
   * Verify the device certificate (https). Default: on when `ca_file` is given, otherwise off, as
   * pyeapi does against lab devices with self-signed certificates.
   */
  @IsOptional()
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  verify?: boolean | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  ca_file?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  cert_file?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  key_file?: string | null;

  /** pyeapi's `enablepwd`: the answer to `enable`'s password question. */
  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  enablepwd?: string | null;

  [extra: string]: unknown;
}
