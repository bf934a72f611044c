import { LaxBool, LaxInt, LaxNumber } from '@netpulse/contracts';
import { IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

/** `connection_args` of the paramiko driver. Unknown keys are accepted and ignored. */
export class ParamikoConnectionArgsDto {
  @IsDefined({ message: 'Field required' })
  @IsString({ message: 'Input should be a valid string' })
  host!: string;

  @IsDefined({ message: 'Field required' })
  @IsString({ message: 'Input should be a valid string' })
  username!: string;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  password?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  key_filename?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  pkey?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  passphrase?: string | null;

  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(1, { message: 'Input should be greater than or equal to 1' })
  @Max(65535, { message: 'Input should be less than or equal to 65535' })
  port: number = 22;

  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.1, { message: 'Input should be greater than 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  timeout: number = 30.0;

  @IsIn(['auto_add', 'reject', 'warning'], { message: "Input should be 'auto_add', 'reject' or 'warning'" })
  host_key_policy: 'auto_add' | 'reject' | 'warning' = 'auto_add';

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  look_for_keys: boolean = true;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  allow_agent: boolean = false;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  compress: boolean = false;

  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  banner_timeout?: number | null;

  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  auth_timeout?: number | null;

  @IsOptional()
  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  keepalive?: number | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  proxy_host?: string | null;

  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  proxy_port: number = 22;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  proxy_username?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  proxy_password?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  proxy_key_filename?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  proxy_pkey?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  proxy_passphrase?: string | null;

  [extra: string]: unknown;
}
