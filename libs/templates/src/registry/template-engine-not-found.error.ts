import { TemplateError } from './template.error';

export type TemplateEngineKind = 'Renderer' | 'Parser';

/**
 * An engine name no registry knows. The message starts with the contract's text (`Parser ttp not found`)
 * and lists the known names; `detail` is the contract's text alone. 404 at `/template/*`; a request body
 * naming an unknown engine is the controller's 422.
 */
export class TemplateEngineNotFoundError extends TemplateError {
  constructor(
    readonly kind: TemplateEngineKind,
    readonly engine: string,
    readonly known: readonly string[],
  ) {
    super(`${kind} ${engine} not found (known: ${known.join(', ') || 'none'})`, 404);
    this.name = 'TemplateEngineNotFoundError';
  }

  /** The contract's exact text, e.g. `Parser ttp not found`. */
  get detail(): string {
    return `${this.kind} ${this.engine} not found`;
  }
}
