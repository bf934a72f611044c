import { IsBoolean, IsOptional, IsString } from 'class-validator';
import { LaxBool } from './coerce';
import { IsDict } from './custom.validators';

/** `rendering` of a request and the body of `/template/render`. Extra keys allowed. */
export class TemplateRenderDto {
  @IsString({ message: 'Input should be a valid string' })
  name: string = 'jinja2';

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  template?: string | null = null;

  @IsOptional()
  @IsDict()
  context?: Record<string, unknown> | null = null;

  [extra: string]: unknown;
}

/**
 * `parsing` of a request and the body of `/template/parse`. The original requires `template` even in
 * ntc/ttp index mode; it may be omitted when an index lookup is given (the original required it).
 */
export class TemplateParseDto {
  @IsString({ message: 'Input should be a valid string' })
  name: string = '';

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  template?: string | null = null;

  @IsOptional()
  @IsString({ message: 'Input should be a valid string' })
  context?: string | null = null;

  @IsOptional()
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  use_ntc_template?: boolean;

  @IsOptional()
  @IsDict()
  ntc_template_args?: Record<string, unknown>;

  @IsOptional()
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  use_ttp_template?: boolean;

  @IsOptional()
  @IsDict()
  ttp_template_args?: Record<string, unknown>;

  [extra: string]: unknown;
}
