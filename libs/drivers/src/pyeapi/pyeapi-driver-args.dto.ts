import { LaxBool } from '@netpulse/contracts';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

/** `driver_args` of the pyeapi driver: pyeapi's `enable()` keywords. Unknown keys are ignored. */
export class PyeapiDriverArgsDto {
  /** `json`: stdout is the command's JSON object; `text`: stdout is the CLI text. */
  @IsIn(['json', 'text'], { message: "Input should be 'json' or 'text'" })
  encoding: 'json' | 'text' = 'json';

  /**
   * pyeapi's `strict`: off, a command the device cannot give as JSON (eAPI error 1003) is run
   * again as text; on, it fails.
   */
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  strict: boolean = false;

  /** eAPI `autoComplete`: accept abbreviated commands. */
  @IsOptional()
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  autoComplete?: boolean | null;

  /** eAPI `expandAliases`: expand the device's command aliases. */
  @IsOptional()
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  expandAliases?: boolean | null;

  [extra: string]: unknown;
}
