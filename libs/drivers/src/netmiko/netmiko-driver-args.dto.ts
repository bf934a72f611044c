import { LaxBool, LaxNumber } from '@netpulse/contracts';
import { IsBoolean, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';

/** `driver_args` of the netmiko driver. Times are seconds. */
export class NetmikoDriverArgsDto {
  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.1, { message: 'Input should be greater than 0' })
  @Max(86400, { message: 'Input should be less than or equal to 86400' })
  read_timeout?: number | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  expect_string?: string | null;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  strip_prompt: boolean = true;

  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  strip_command: boolean = true;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  error_pattern?: string | null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  config_mode_command?: string | null;

  @IsOptional()
  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(100, { message: 'Input should be less than or equal to 100' })
  delay_factor?: number | null;

  [extra: string]: unknown;
}
