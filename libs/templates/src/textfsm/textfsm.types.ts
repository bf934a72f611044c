/** The TextFSM value options, as written in a template. */
export type ValueOption = 'Fillup' | 'Filldown' | 'Key' | 'List' | 'Required';

/**
 * One element of a `List` value: the matched text, `null` when the value's group took no part in
 * the match (Python's `None`), or the named groups of the value's own regex when it has any.
 */
export type TextFsmListItem = string | null | Readonly<Record<string, string | null>>;

/** A cell of a result row: a string (`''` when unset) or, for `List` values, the collected items. */
export type TextFsmCell = string | readonly TextFsmListItem[];

/** A result row, one cell per value in template order. */
export type TextFsmRow = readonly TextFsmCell[];

/** A result row keyed by value name, as written in the template. */
export type TextFsmRecord = Record<string, TextFsmCell>;

export interface ParseTextOptions {
  /**
   * Whether the end of the text is the end of the input: runs the implicit `EOF` record (unless the
   * template declares an empty `EOF` state). Python's `ParseText(text, eof=...)`. Default `true`.
   */
  readonly eof?: boolean;
}

export type LineOp = '' | 'Continue' | 'Error' | 'Next';
export type RecordOp = '' | 'Clear' | 'Clearall' | 'NoRecord' | 'Record';
