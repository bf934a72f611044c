/**
 * Base of every error the template lib throws on purpose. `status` is the HTTP status the contract
 * gives it at `/template/*` (400 for a bad request or engine error, 404 for an unknown engine), so
 * the controller's exception filter maps all of them in one place.
 */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}
