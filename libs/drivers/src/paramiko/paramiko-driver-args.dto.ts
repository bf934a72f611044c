import { LaxBool, LaxNumber } from '@netpulse/contracts';
import { IsBoolean, IsNumber, IsOptional, IsString, Min } from 'class-validator';
import { IsDict, IsStringMap } from '@netpulse/contracts';

/** `driver_args` of the paramiko driver (contract §8.3), for queries and config alike. */
export class ParamikoDriverArgsDto {
  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.1, { message: 'Input should be greater than 0' })
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
  @IsDict()
  expect_map?: Record<string, string> | null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  sudo: boolean = false;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  sudo_password?: string | null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  stop_on_error: boolean = true;

  [extra: string]: unknown;
}
