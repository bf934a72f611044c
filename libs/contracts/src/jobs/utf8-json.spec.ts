import { MASK } from '../errors/secret-mask';
import { maskSecretValues } from '../errors/secret-values';
import { JsonToken, JsonTokenizer } from './json.tokenizer';
import { Utf8Json } from './utf8-json';
import { outputText } from './utf8-output';

const SLICE = 64 * 1024;
const text = (sut: Utf8Json): string => [...sut.jsonPieces()].join('');
const of = (json: string): Utf8Json | null => Utf8Json.from(Buffer.from(json, 'utf8'));

/** Answers that JSON.parse and JSON.stringify treat in every way that could differ from the device's text. */
const TRICKY: Record<string, string> = {
  unicode: '{"name":"héllo ✓ 𝄞 😀","中文":"日本語","rtl":"עברית"}',
  escapes: String.raw`{"q":"a\"b\\c\/d\u0041\u00e9\n\t\b\f\r\u001f\u001F\u2028\ud83d\ude00","lone":"\ud800x\udc00","slash":"\/\/"}`,
  nested: '[[[]],[{}],[1,[2,[3,[4,[5,[[[[[[["deep"]]]]]]]]]]]],{"a":{"b":{"c":[{"d":null}]}}}]',
  numbers: '[1e5,-0,1.0,1E+2,0.1,1.5e-7,123456789012345678901,12345678901234567,123456789012345,-123456789012345,1e400,-1e400,5e-324,0,-1,10.50,2.5E3,0e0,-0.0]',
  literals: '{"t":true,"f":false,"n":null,"e":{},"a":[],"s":""}',
  pretty: '{\n  "interfaces": {\n    "Ethernet1": {"description": "uplink", "mtu": 1500, "flags": [ "up" , "running" ]},\n\t"Ethernet2" : { }\r\n  }\n}\n',
  python: '{"jsonrpc": "2.0", "result": [{}, {"hostname": "spine1", "vlans": {"1": {"name": "default"}, "10": {"name": "ten"}, "200": {}}}], "id": "x"}',
  indexKeysInOrder: '{"0":"z","1":"a","2":"b","10":"c","4294967294":"max","4294967295":"not an index","01":"name","-1":"name","1.5":"name","x":1}',
  escapedKeys: String.raw`{"\u0061":1,"b\"c":2,"\/":3}`,
  topString: '"just a string with \\u00e9"',
  topNumber: '  42.0  ',
};

/** Answers JSON.parse would reorder or collapse: they must not be taken as they are. */
const MOVED: Record<string, string> = {
  indexAfterName: '{"a":1,"1":2}',
  indexDescending: '{"10":1,"9":2}',
  indexRepeated: '{"1":1,"1":2}',
  duplicate: '{"a":1,"b":2,"a":3}',
  duplicateEscaped: String.raw`{"a":1,"\u0061":2}`,
  duplicateDeep: '[{"x":[{"k":1,"k":1}]}]',
  duplicateAmongMany: `{${Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`).join(',')},"k7":0}`,
  proto: '{"__proto__":{"polluted":true}}',
  protoEscaped: String.raw`{"\u005f_proto__":1}`,
};

const INVALID = ['', '{"a":}', '[1,]', '01', '{"a" 1}', String.raw`"\x"`, '"tab\there"', 'tru', '{} x', '-', '1.', '1e', '"open', '[', '{"a":1', '{,}', '[1 2]', "{'a':1}", 'NaN', '\ufeff{}', '{"a":1}}'];

/** A random JSON value, written with random whitespace, number spellings and escapes (seeded: the same every run). */
function randomJson(seed: number): string {
  let s = seed;
  const rnd = (n: number): number => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return (s >>> 8) % n;
  };
  const ws = (): string => [' ', '', '', '\n  ', '\t'][rnd(5)];
  const str = (): string => {
    const chars = ['a', 'é', '😀', '\\"', '\\\\', '\\n', '\\u0041', '\\/', '✓', ' ', 'Pa55wörd', '\\u00e9', '\\ud83d\\ude00'];
    return `"${Array.from({ length: rnd(6) }, () => chars[rnd(chars.length)]).join('')}"`;
  };
  const num = (): string => ['0', '-0', '1.0', '1e5', '12', '-3.25', '1E-3', '99999999999999999999', '0.000001', '7'][rnd(10)];
  const value = (depth: number): string => {
    const k = depth > 4 ? rnd(3) : rnd(6);
    if (k === 0) return str();
    if (k === 1) return num();
    if (k === 2) return ['true', 'false', 'null'][rnd(3)];
    if (k === 3 || k === 4) return `[${ws()}${Array.from({ length: rnd(5) }, () => value(depth + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
    const keys = Array.from({ length: rnd(5) }, (_, i) => `"${['k', 'n', 'é', 'x\\u0079'][rnd(4)]}${i}"`);
    return `{${ws()}${keys.map((key) => `${key}${ws()}:${ws()}${value(depth + 1)}`).join(`${ws()},${ws()}`)}${ws()}}`;
  };
  return `${ws()}${value(0)}${ws()}`;
}

describe('Utf8Json', () => {
  it.each(Object.entries(TRICKY))('writes %s as JSON.stringify(JSON.parse(text)) does', (_, json) => {
    const sut = of(json);
    expect(sut).not.toBeNull();
    expect(text(sut as Utf8Json)).toBe(JSON.stringify(JSON.parse(json)));
    expect(JSON.stringify({ stdout: sut })).toBe(JSON.stringify({ stdout: JSON.parse(json) }));
    expect(outputText(sut)).toEqual(JSON.parse(json));
  });

  it.each(Object.entries(MOVED))('refuses %s (JSON.parse would move or drop a property)', (_, json) => {
    expect(() => JSON.parse(json)).not.toThrow();
    expect(of(json)).toBeNull();
  });

  it.each(INVALID)('refuses invalid JSON %p, as JSON.parse does', (json) => {
    expect(() => JSON.parse(json)).toThrow();
    expect(of(json)).toBeNull();
  });

  it('refuses bytes that are not UTF-8 (the parsing path decodes them to U+FFFD)', () => {
    expect(Utf8Json.from(Buffer.from([0x22, 0x61, 0xff, 0x22]))).toBeNull();
  });

  it('writes 500 random JSON texts as JSON.stringify(JSON.parse(text)) does', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const json = randomJson(seed);
      const sut = of(json);
      expect({ seed, out: sut && text(sut) }).toEqual({ seed, out: JSON.stringify(JSON.parse(json)) });
    }
  });

  it('writes a large value in pieces of about 64 KiB, cut between whole characters', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => `"Ethernet${i}": {"description": "${'é✓'.repeat(10)} ${i}", "counters": {"in": ${i}.0, "out": ${i * 7}}}`);
    const long = `"${'x€'.repeat(3 * SLICE)}"`;
    const json = `{"interfaces": {${rows.join(', ')}}, "long": ${long}, "tail": [1.0, 2]}`;
    const sut = of(json) as Utf8Json;
    const pieces = [...sut.jsonPieces()];
    expect(pieces.join('')).toBe(JSON.stringify(JSON.parse(json)));
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(2 * SLICE + 64);
  });

  describe('masking secrets by value', () => {
    const secrets = ['Pa55wörd', 'to"ken', 'a\\b'];
    const masking: Record<string, string> = {
      plain: '{"line":"password Pa55wörd set","other":"Pa55wörd","n":1.0}',
      escaped: String.raw`{"spelled":"P\u006155wörd","quoted":"to\"ken","backslash":"a\\b","escapedForm":"to\\\"ken"}`,
      deepAndRepeated: `[[[["x Pa55wörd y Pa55wörd"]]],{"a":["Pa55wörd"]}]`,
      numberLike: '{"n":12345678,"s":"12345678"}',
      random: randomJson(7),
    };

    it.each(Object.entries(masking))('masks %s as maskSecretValues masks the parsed value', (_, json) => {
      const all = [...secrets, '12345678'];
      const sut = of(json) as Utf8Json;
      const masked = maskSecretValues({ stdout: sut }, all).stdout;
      expect(masked).toBeInstanceOf(Utf8Json);
      expect(text(masked as Utf8Json)).toBe(JSON.stringify(maskSecretValues(JSON.parse(json) as unknown, all)));
    });

    it('applies two maskings one after the other, as twice on the object', () => {
      const json = '{"a":"one two three","b":"two"}';
      const twice = maskSecretValues(maskSecretValues(of(json), ['one two']), ['three', 'two']);
      expect(text(twice as Utf8Json)).toBe(JSON.stringify(maskSecretValues(maskSecretValues(JSON.parse(json) as unknown, ['one two']), ['three', 'two'])));
      expect(text(twice as Utf8Json)).toBe(`{"a":"${MASK} ${MASK}","b":"${MASK}"}`);
    });

    it('returns itself when no secret can be in it (no copy, nothing to replace)', () => {
      const sut = of('{"a":"clean","n":1}') as Utf8Json;
      expect(maskSecretValues(sut, ['Pa55wörd'])).toBe(sut);
    });

    it('a secret in a property name makes it the parsed object, masked as objects are', () => {
      const json = '{"Pa55wörd-1":1,"***-1":2,"x":"Pa55wörd"}';
      const masked = maskSecretValues(of(json), ['Pa55wörd']);
      expect(masked).not.toBeInstanceOf(Utf8Json);
      expect(JSON.stringify(masked)).toBe(JSON.stringify(maskSecretValues(JSON.parse(json) as unknown, ['Pa55wörd'])));
    });
  });
});

describe('JsonTokenizer', () => {
  it('reads tokens with their spans, separators and whitespace', () => {
    const b = Buffer.from('{ "a" : [1, "x"] }');
    const sut = new JsonTokenizer(b);
    const seen: [JsonToken, string, number, boolean][] = [];
    for (let t = sut.next(); t !== JsonToken.End; t = sut.next()) seen.push([t, b.toString('utf8', sut.start, sut.end), sut.sep, sut.spaced]);
    expect(seen).toEqual([
      [JsonToken.ObjectStart, '{', 0, false],
      [JsonToken.Key, '"a"', 0, true],
      [JsonToken.ArrayStart, '[', 0x3a, true],
      [JsonToken.Number, '1', 0, false],
      [JsonToken.String, '"x"', 0x2c, true],
      [JsonToken.ArrayEnd, ']', 0, false],
      [JsonToken.ObjectEnd, '}', 0, true],
    ]);
  });

  it('stops at the end it is given, even where the buffer goes on', () => {
    const b = Buffer.from('[12]345');
    const sut = new JsonTokenizer(b, 1, 3);
    expect(sut.next()).toBe(JsonToken.Number);
    expect(sut.end).toBe(3);
    expect(sut.next()).toBe(JsonToken.End);
  });
});
