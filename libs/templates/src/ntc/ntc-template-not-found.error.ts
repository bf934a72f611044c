import { NtcIndexError } from './ntc-index.error';

/** No index row matches the platform and command. */
export class NtcTemplateNotFoundError extends NtcIndexError {
  constructor(
    readonly platform: string,
    readonly command: string,
  ) {
    super(`No template found for platform '${platform}' and command '${command}'`);
    this.name = 'NtcTemplateNotFoundError';
  }
}
