import { jsonChunks, jsonPieces } from './json-chunks.encoder';

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

  it('cuts a long string into slices, never inside a surrogate pair', () => {
    const s = `${'a'.repeat(64 * 1024 - 1)}😀${'é'.repeat(70_000)}`;
    const pieces = [...jsonPieces(s)];
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.join('')).toBe(JSON.stringify(s));
  });

  it('chunks into buffers of about the given size', () => {
    const v = { stdout: 'y'.repeat(5 * 1024 * 1024) };
    const chunks = [...jsonChunks(v, 1024 * 1024)];
    expect(chunks.length).toBeGreaterThanOrEqual(5);
    expect(chunks.every((c) => c.length <= 1024 * 1024 + 64 * 1024 + 16)).toBe(true);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(JSON.stringify(v));
  });
});
