/** A template that TextFSM refuses (Python's `TextFSMTemplateError`); the message names the line. */
export class TextFsmTemplateError extends Error {
  constructor(
    message: string,
    /** 1-based template line the error was found on, when it belongs to one. */
    readonly line?: number,
  ) {
    super(message);
    this.name = 'TextFsmTemplateError';
  }
}
