import { TemplateError } from '../registry/template.error';

/** A template that does not compile or render, or a renderer option that is not served. */
export class TemplateRenderError extends TemplateError {
  constructor(message: string) {
    super(message, 400);
    this.name = 'TemplateRenderError';
  }
}
