import { Utf8Json, Utf8Output, maskSecretValues } from '@netpulse/contracts';
import { JsonPartEncoder, jsonFits, jsonPieces } from './json-chunks.encoder';

const text = (v: unknown): string => [...jsonPieces(v)].join('');

describe('jsonPieces', () => {
  it('writes what JSON.stringify writes for plain data', () => {
    const values: unknown[] = [
      null, true, 0, -1.5, NaN, 'a"b\\c\n\u0001é', [], {}, [1, undefined, () => 1, 'x'],
      { a: 1, b: undefined, c: { d: [null, { e: 'f' }] }, g: new Date(0) },
      { type: 1, retval: [{ command: 'show run', stdout: 'x'.repeat(300_000), stderr: '', exit_status: 0, download_url: null, metadata: { host: 'h' }, parsed: null }], error: null },
    ];
    for (const v of values) expect(text(v)).toBe(JSON.stringify(v));
  });

  it('writes the same as JSON.stringify for a large structured output: many small rows, big strings and odd values inside', () => {
    const rows = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`Ethernet${i}`, { description: i % 7 === 0 ? 'q"\\\n\u0002é' : 'uplink', up: i % 2 === 0, counters: { in: i * 1.5, out: -i }, skip: undefined, when: new Date(i * 1000) }]));
    const v = { interfaces: rows, list: [1, undefined, () => 2, 'x'.repeat(100_000), { big: 'y'.repeat(70_000), n: null }], empty: {}, none: [] };
    expect(text(v)).toBe(JSON.stringify(v));
    // Pieces stay about 64 Ki characters: rows are gathered, not yielded one by one.
    const pieces = [...jsonPieces(v)];
    expect(pieces.length).toBeLessThan(200);
  });

  it('writes a large output kept as bytes as the string it decodes to, and sizes it without decoding it', () => {
    const bytes = Buffer.from(`${'x'.repeat(200_000)}\n"q" é ${'😀'.repeat(40_000)}`, 'utf8');
    const v = { type: 1, retval: [{ command: 'c', stdout: new Utf8Output(bytes), stderr: '' }], error: null };
    const expected = JSON.stringify({ ...v, retval: [{ ...v.retval[0], stdout: bytes.toString('utf8') }] });
    expect(text(v)).toBe(expected);
    expect(JSON.stringify(v)).toBe(expected);
    expect(jsonFits(v, bytes.length - 10)).toBe(false);
    expect(jsonFits(v, bytes.length + 200)).toBe(true);
  });

  it('writes a large JSON output kept as bytes as the value it parses to (masked), through the part encoder too', () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `"Ethernet${i}": {"description": "é ${i} pw Pa55word", "mtu": 1500.0, "rate": 1e5}`);
    const json = `{"interfaces": {${rows.join(', ')}}}`;
    const sut = Utf8Json.from(Buffer.from(json, 'utf8')) as Utf8Json;
    const v = maskSecretValues({ type: 1, retval: [{ command: 'show interfaces', stdout: sut, stderr: '' }, { command: 'c', stdout: {}, stderr: '' }], error: null }, ['Pa55word']);
    const expected = JSON.stringify(maskSecretValues({ type: 1, retval: [{ command: 'show interfaces', stdout: JSON.parse(json) as unknown, stderr: '' }, { command: 'c', stdout: {}, stderr: '' }], error: null }, ['Pa55word']));
    expect(v.retval[0].stdout).toBeInstanceOf(Utf8Json);
    expect(text(v)).toBe(expected);
    expect(JSON.stringify(v)).toBe(expected);
    const enc = new JsonPartEncoder(v, 64 * 1024);
    const parts: Buffer[] = [];
    for (let p = enc.next(); p; p = enc.next()) parts.push(Buffer.from(p.bytes));
    expect(parts.length).toBeGreaterThan(3);
    expect(Buffer.concat(parts).toString('utf8')).toBe(expected);
    expect(jsonFits(v, sut.length - 10)).toBe(false);
  });

  it('cuts a long string into slices, never inside a surrogate pair', () => {
    const s = `${'a'.repeat(64 * 1024 - 1)}😀${'é'.repeat(70_000)}`;
    const pieces = [...jsonPieces(s)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(JSON.stringify(s));
  });

  it('encodes into parts of at most the given size in one reused buffer, and says which part is the last', () => {
    const v = { stdout: 'y'.repeat(5 * 1024 * 1024), more: ['é😀'.repeat(1000), '\u0001'.repeat(300_000)] };
    const sut = new JsonPartEncoder(v, 1024 * 1024);
    const parts: Buffer[] = [];
    const views = new Set<ArrayBuffer>();
    let last = false;
    for (let p = sut.next(); p; p = sut.next()) {
      expect(last).toBe(false);
      parts.push(Buffer.from(p.bytes));
      if (p.bytes.length <= 1024 * 1024) views.add(p.bytes.buffer as ArrayBuffer);
      last = p.last;
    }
    expect(last).toBe(true);
    expect(parts.length).toBeGreaterThanOrEqual(6);
    // The escaped control characters (6 bytes each) make one 64 Ki-character slice larger than a part: it goes alone.
    expect(parts.filter((b) => b.length > 1024 * 1024).every((b) => b.length <= 6 * 64 * 1024)).toBe(true);
    expect(views.size).toBeLessThanOrEqual(2);
    expect(Buffer.concat(parts).toString('utf8')).toBe(JSON.stringify(v));
  });

  it('a small value is one part, the last', () => {
    const sut = new JsonPartEncoder({ a: [1, 'x'] });
    const p = sut.next();
    expect(p && { text: p.bytes.toString(), last: p.last }).toEqual({ text: '{"a":[1,"x"]}', last: true });
    expect(sut.next()).toBeNull();
  });
});
