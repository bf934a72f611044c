/** A TTP template or run the engine refuses, with a message naming what is wrong. */
export class TtpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TtpError';
  }
}
