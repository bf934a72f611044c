import { IsOptional, IsString } from 'class-validator';
import { IsStringMap } from './custom.validators';

/** `credential` of a request. */
export class CredentialRefDto {
  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  name?: string | null = null;

  @IsString({ message: 'Field required' })
  ref!: string;

  @IsString({ message: 'Input should be a valid string' })
  mount: string = 'kv';

  @IsOptional()
  version?: number | string | null = null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  namespace?: string | null = null;

  @IsStringMap()
  field_mapping: Record<string, string> = { username: 'username', password: 'password' };
}
