import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { LaxInt, LaxNumber } from './coerce';
import { IsStringMap } from './custom.validators';

/** `webhook` of a request. */
export class WebhookDto {
  @IsString({ message: 'Input should be a valid string' })
  name: string = 'basic';

  @IsString({ message: 'Field required' })
  @Matches(/^https?:\/\/[^\s/$.?#][^\s]*$/i, { message: 'Input should be a valid URL, relative URL without a base' })
  url!: string;

  @IsIn(['GET', 'POST', 'PUT', 'DELETE', 'PATCH'], { message: "Input should be 'GET', 'POST', 'PUT', 'DELETE' or 'PATCH'" })
  method: string = 'POST';

  @IsOptional()
  @IsStringMap()
  headers?: Record<string, string> | null = null;

  @IsOptional()
  @IsStringMap()
  cookies?: Record<string, string> | null = null;

  @IsOptional()
  @IsArray({ message: 'Input should be a valid tuple [user, password]' })
  @IsString({ each: true, message: 'Input should be a valid tuple [user, password]' })
  @ArrayMaxSize(2, { message: 'Input should be a valid tuple [user, password]' })
  auth?: [string, string] | null = null;

  @LaxNumber()
  @IsNumber({}, { message: 'Input should be a valid number' })
  @Min(0.5, { message: 'Input should be greater than or equal to 0.5' })
  @Max(120, { message: 'Input should be less than or equal to 120' })
  timeout: number = 5.0;

  @LaxInt()
  @IsInt({ message: 'Input should be a valid integer' })
  @Min(0, { message: 'Input should be greater than or equal to 0' })
  @Max(10, { message: 'Input should be less than or equal to 10' })
  max_retries: number = 3;

  @IsArray({ message: 'Input should be a valid list' })
  @IsInt({ each: true, message: 'Input should be a list of integers' })
  @Min(0, { each: true, message: 'Input should be greater than or equal to 0' })
  retry_intervals: number[] = [10, 30, 120];
}
