/** TTP's named regex formatters (`{{ x | PHRASE }}`); written from TTP's documentation. */
export const TTP_PATTERNS: Readonly<Record<string, string>> = {
  DIGIT: '\\d+',
  IP: '(?:[0-9]{1,3}\\.){3}[0-9]{1,3}',
  IPV6: '(?:[a-fA-F0-9]{1,4}:|:){1,7}(?:[a-fA-F0-9]{1,4}|:?)',
  MAC: '(?:[0-9a-fA-F]{2}(?::|\\.|\\-)){5}(?:[0-9a-fA-F]{2})|(?:[0-9a-fA-F]{4}(?::|\\.|\\-)){2}(?:[0-9a-fA-F]{4})',
  ORPHRASE: '(?:\\S+ {1})+?\\S+|\\S+',
  PHRASE: '(?:\\S+ {1})+?\\S+',
  PREFIX: '(?:[0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}',
  PREFIXV6: '(?:[a-fA-F0-9]{1,4}:|:){1,7}(?:[a-fA-F0-9]{1,4}|:?)/[0-9]{1,3}',
  ROW: '(?:\\S+ +)+?\\S+',
  WORD: '\\S+',
  _line_: '.+',
};

export function ttpPattern(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(TTP_PATTERNS, name) ? TTP_PATTERNS[name] : undefined;
}
