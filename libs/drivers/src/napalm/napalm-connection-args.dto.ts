import { IsDict, LaxNumber } from '@netpulse/contracts';
import { IsDefined, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * `connection_args` of the napalm driver: `device_type` (netmiko names are mapped), `host` (or its
 * alias `hostname`), `username`, `password`, `timeout` (seconds) and `optional_args`, whose SSH keys
 * (`port`, `secret`, `use_keys`, `key_file`, `keepalive`, ...) shape the CLI session. Unknown keys
 * are accepted and ignored.
 */
export class NapalmConnectionArgsDto {
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

  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.1, { message: 'Input should be greater than 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  timeout: number = 60;

  @IsOptional()
  @IsDict()
  optional_args?: Record<string, unknown> | null;

  [extra: string]: unknown;
}
