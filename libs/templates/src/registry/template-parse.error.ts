import { TemplateError } from './template.error';

/** A parse that failed: bad template, no index match, an `Error` rule, or output that is not text. 400. */
export class TemplateParseError extends TemplateError {
  constructor(message: string) {
    super(message, 400);
    this.name = 'TemplateParseError';
  }
}
