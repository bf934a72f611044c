/** A rule with the `Error` action matched the input (Python's `TextFSMError`); no rows are returned. */
export class TextFsmParseError extends Error {
  constructor(
    message: string,
    /** 1-based template line of the rule that raised. */
    readonly ruleLine: number,
    /** The input line that matched it. */
    readonly inputLine: string,
  ) {
    super(message);
    this.name = 'TextFsmParseError';
  }
}
