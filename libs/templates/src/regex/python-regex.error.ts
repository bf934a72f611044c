/** A Python regular expression that cannot be compiled (Python's `re.error`) or has no JS equivalent. */
export class PythonRegexError extends Error {
  constructor(
    readonly reason: string,
    readonly pattern: string,
    /** Code point offset in `pattern` where the problem was found. */
    readonly position: number,
  ) {
    super(`${reason} at position ${position}`);
    this.name = 'PythonRegexError';
  }
}
