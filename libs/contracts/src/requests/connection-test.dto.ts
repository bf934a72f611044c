import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, ValidateNested } from 'class-validator';
import { CredentialRefDto } from './credential-ref.dto';
import { IsDict } from './custom.validators';

/**
 * Body of `POST /device/test` and `POST /detached-tasks/discover`, and the first
 * fields of every execution request. Extra keys allowed.
 */
export class ConnectionTestDto {
  @IsDefined({ message: 'Field required' })
  @IsString({ message: 'Input should be a valid string' })
  driver!: string;

  @IsDefined({ message: 'Field required' })
  @IsDict()
  connection_args!: Record<string, unknown>;

  @IsOptional()
  @IsDict()
  @ValidateNested({ message: 'Input should be a valid dictionary or instance of the model' })
  @Type(() => CredentialRefDto)
  credential?: CredentialRefDto | null = null;

  [extra: string]: unknown;
}
