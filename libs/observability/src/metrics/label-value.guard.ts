/** Options of a `LabelValueGuard`. */
export interface LabelValueGuardOptions {
  /** Values always accepted (e.g. the contract's driver names). Default: none. */
  known?: readonly string[];
  /** How many values beyond `known` are admitted, first come first served. Default: 16. */
  maxExtra?: number;
  /** Shape a value must have to be admitted. Default: lower-case identifier of at most 32 characters. */
  pattern?: RegExp;
  /** What every other value becomes. Default: `other`. */
  fallback?: string;
}

/**
 * Keeps a label whose values are open-ended in principle (driver names: plugins add their own) to a
 * bounded set: known values, then up to `maxExtra` newcomers of a sane shape, then `fallback`. A typo
 * or hostile value can therefore never create a new time series after the budget is spent.
 */
export class LabelValueGuard {
  private readonly admitted: Set<string>;
  private readonly fallback: string;
  private limit: number;
  private readonly pattern: RegExp;

  constructor(options: LabelValueGuardOptions = {}) {
    const maxExtra = options.maxExtra ?? 16;
    if (!Number.isInteger(maxExtra) || maxExtra < 0) throw new Error('maxExtra must be an integer of 0 or more');
    this.pattern = options.pattern ?? /^[a-z][a-z0-9_]{0,31}$/;
    this.fallback = options.fallback ?? 'other';
    this.admitted = new Set(options.known ?? []);
    this.limit = this.admitted.size + maxExtra;
  }

  /** The label value to use for `value`. */
  value(value: string): string {
    if (this.admitted.has(value)) return value;
    if (this.admitted.size < this.limit && this.pattern.test(value)) {
      this.admitted.add(value);
      return value;
    }
    return this.fallback;
  }

  /** Makes values always acceptable (e.g. every driver the registry loaded at start). */
  allow(values: readonly string[]): void {
    for (const v of values) {
      if (this.admitted.has(v)) continue;
      // Known names widen the budget instead of eating the newcomers' share.
      this.admitted.add(v);
      this.limit += 1;
    }
  }

  /** How many distinct label values this guard can ever produce (fallback included). */
  get bound(): number {
    return this.limit + 1;
  }
}
