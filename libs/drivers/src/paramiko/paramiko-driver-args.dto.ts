import { LaxBool, LaxNumber } from '@netpulse/contracts';
import { IsBoolean, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsStringMap } from '@netpulse/contracts';

/** `driver_args` of the paramiko driver, for queries and config alike. */
export class ParamikoDriverArgsDto {
  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.1, { message: 'Input should be greater than 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  timeout?: number | null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  get_pty: boolean = false;

  @IsOptional()
  @IsStringMap()
  environment?: Record<string, string> | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  working_directory?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  script_content?: string | null;

  @IsString({ message: 'Input should be a valid string' })
  script_interpreter: string = 'bash';

  @IsOptional()
  @IsStringMap()
  expect_map?: Record<string, string> | null;

  /**
   * Seconds of unchanged output, with no expect_map prompt matched, after which the command counts as
   * stuck (Ctrl-C, `exit_status` -1). Default: `timeout`, else 60 (the original's behaviour).
   */
  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.1, { message: 'Input should be greater than 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  expect_idle_timeout?: number | null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  sudo: boolean = false;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  sudo_password?: string | null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  stop_on_error: boolean = true;

  /** Internal (`POST /detached-tasks/discover`): `send` lists the host's running detached tasks. */
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  list_active_detached_tasks: boolean = false;

  [extra: string]: unknown;
}
