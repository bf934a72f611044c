import { LaxBool } from '@netpulse/contracts';
import { IsBoolean } from 'class-validator';

/** Top-level request extras the pyeapi driver reads. */
export class PyeapiExtrasDto {
  /** Prepend `enable` to every request (pyeapi's `send_enable`). */
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  enable_mode: boolean = true;

  /** Append `write memory` to a configuration. */
  @LaxBool()
  @IsBoolean({ message: 'Input should be a valid boolean' })
  save: boolean = false;

  [extra: string]: unknown;
}
