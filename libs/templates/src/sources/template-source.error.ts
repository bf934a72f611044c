import { TemplateError } from '../registry/template.error';

/** Why a template source could not be loaded. */
export type TemplateSourceFailure = 'refused' | 'disabled' | 'unsupported' | 'fetch' | 'file' | 'too_large' | 'timeout';

/** A `template` URL or file that cannot be loaded; the message names the problem, never a credential. */
export class TemplateSourceError extends TemplateError {
  constructor(
    readonly reason: TemplateSourceFailure,
    message: string,
  ) {
    super(message, 400);
    this.name = 'TemplateSourceError';
  }
}
