import { PythonLiteralParser } from './ttp-python-literal.parser';
import { PyDict, PyValue } from './ttp-python.values';
import { TtpError } from './ttp.error';

/** One `name(args)` item of a TTP attribute chain such as `peer | ORPHRASE | exclude("-VM-")`. */
export interface TtpCall {
  readonly name: string;
  args: PyValue[];
  kwargs: PyDict;
}

/** Splits `text` on `sep` where it is outside quotes and brackets. */
export function splitOutside(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i += 1;
      else if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(' || ch === '[' || ch === '{') {
      depth += 1;
    } else if (ch === ')' || ch === ']' || ch === '}') {
      depth -= 1;
    } else if (ch === sep && depth <= 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** TTP's attribute chain reader: each `|`-separated item becomes `{name, args, kwargs}`. */
export function parseCalls(line: string): TtpCall[] {
  return splitOutside(line, '|').map((raw) => parseCall(raw.trim(), line));
}

export function parseCall(item: string, line = item): TtpCall {
  const m = /^(\S+?)\s?(?:\((.*)\))?$/s.exec(item);
  if (!m) throw new TtpError(`cannot read function ${JSON.stringify(item)} in ${JSON.stringify(line)}`);
  const options = m[2];
  if (options === undefined || options.trim() === '') return { args: [], kwargs: {}, name: m[1] };
  const parsed = PythonLiteralParser.callArgs(options);
  return { args: parsed.args, kwargs: parsed.kwargs, name: m[1] };
}
