import { TemplateError } from './template.error';

/** A render or parse request missing what the contract requires (`Renderer name is required`, ...). 400. */
export class TemplateRequestError extends TemplateError {
  constructor(message: string) {
    super(message, 400);
    this.name = 'TemplateRequestError';
  }
}
