import { IsDict, LaxBool, LaxInt, LaxNumber } from '@netpulse/contracts';
import { IsBoolean, IsDefined, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * `connection_args` of the netmiko driver. Required: device_type, host, username,
 * password. Unknown keys are accepted and ignored; known keys with wrong types are rejected by name.
 * Times are seconds.
 */
export class NetmikoConnectionArgsDto {
  @IsDefined({ message: 'Field required' })
  @IsString({ message: 'Input should be a valid string' })
  device_type!: string;

  @IsDefined({ message: 'Field required' })
  @IsString({ message: 'Input should be a valid string' })
  host!: string;

  @IsDefined({ message: 'Field required' })
  @IsString({ message: 'Input should be a valid string' })
  username!: string;

  @IsDefined({ message: 'Field required' })
  @IsString({ message: 'Input should be a valid string' })
  password!: string;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  secret?: string | null;

  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(1, { message: 'Input should be greater than or equal to 1' })
  @Max(65535, { message: 'Input should be less than or equal to 65535' })
  port: number = 22;

  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.1, { message: 'Input should be greater than 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  timeout: number = 100;

  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  auth_timeout?: number | null;

  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  session_timeout?: number | null;

  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  banner_timeout: number = 15;

  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  blocking_timeout: number = 20;

  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  keepalive: number = 180;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  use_keys: boolean = false;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  key_file?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  pkey?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  passphrase?: string | null;

  @IsOptional()
  @IsDict()
  disabled_algorithms?: Record<string, unknown> | null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  allow_agent: boolean = false;

  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(100, { message: 'Input should be less than or equal to 100' })
  global_delay_factor: number = 1;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  fast_cli: boolean = false;

  @IsString({ message: 'Input should be a valid string' })
  encoding: string = 'ascii';

  [extra: string]: unknown;
}
