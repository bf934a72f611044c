/** An index that cannot be read, or a lookup with no matching row (clitable's `CliTableError`). */
export class NtcIndexError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NtcIndexError';
  }
}
