// Characters Python's str.isprintable() rejects (besides the ASCII space it accepts).
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const NAMED: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };

/** Python's `repr()` of the values TextFSM produces, as `str(list)` writes them into clitable rows. */
export class PythonRepr {
  /** `repr(None)`, `repr(str)` or `repr(dict)` for a `List` item. */
  static of(value: string | null | Readonly<Record<string, string | null>>): string {
    if (value === null) {
      return 'None';
    }
    if (typeof value === 'string') {
      return PythonRepr.string(value);
    }
    const entries = Object.entries(value).map(([key, item]) => `${PythonRepr.string(key)}: ${PythonRepr.of(item)}`);
    return `{${entries.join(', ')}}`;
  }

  static string(text: string): string {
    const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
    let body = '';
    for (const char of text) {
      body += char === quote ? `\\${char}` : (NAMED[char] ?? PythonRepr.escape(char));
    }
    return `${quote}${body}${quote}`;
  }

  private static escape(char: string): string {
    if (char === ' ' || !NON_PRINTABLE.test(char)) {
      return char;
    }
    const codePoint = char.codePointAt(0) ?? 0;
    const hex = codePoint.toString(16);
    if (codePoint <= 0xff) {
      return `\\x${hex.padStart(2, '0')}`;
    }
    return codePoint <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\U${hex.padStart(8, '0')}`;
  }
}
