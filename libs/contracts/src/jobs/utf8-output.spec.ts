import { randomBytes } from 'node:crypto';
import { MASK } from '../errors/secret-mask';
import { maskSecretValues } from '../errors/secret-values';
import { LARGE_OUTPUT_BYTES } from './large-output';
import { Utf8Output, outputOf, outputText } from './utf8-output';

const SLICE = 64 * 1024;

/** Bytes that put multi-byte characters, bad sequences and control characters across the 64 KiB slice edges. */
function awkwardBytes(): Buffer {
  const parts: Buffer[] = [];
  const pieces = [Buffer.from('héllo ✓ 𝄞 "q" \\ \n\t\u0001 '), Buffer.from([0xe2, 0x82]), Buffer.from([0xf0, 0x9f, 0x98]), Buffer.from([0x80, 0x80, 0x80, 0x80, 0x80]), Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80])];
  let size = 0;
  for (let i = 0; size < 3 * SLICE + 17; i++) {
    const p = pieces[i % pieces.length];
    parts.push(p);
    size += p.length;
  }
  return Buffer.concat(parts);
}

describe('Utf8Output', () => {
  it('writes the JSON text of the string it decodes to, whatever the slice edges cut', () => {
    for (const bytes of [awkwardBytes(), randomBytes(3 * SLICE + 5), Buffer.from('x'.repeat(SLICE - 1) + '€'.repeat(10))]) {
      const sut = new Utf8Output(bytes);
      expect([...sut.jsonPieces()].join('')).toBe(JSON.stringify(bytes.toString('utf8')));
      expect(JSON.stringify({ stdout: sut })).toBe(JSON.stringify({ stdout: bytes.toString('utf8') }));
    }
  });

  it('is masked on its bytes exactly as its string would be, and copied only when a secret occurs', () => {
    const text = `${'ab'.repeat(SLICE)} pass "wörd" Pa55wörd and {"p":"x\\"y"} Pa55wörd`;
    const secrets = ['Pa55wörd', 'x"y'];
    const sut = new Utf8Output(Buffer.from(text, 'utf8'));
    const masked = maskSecretValues({ retval: [{ stdout: sut }] }, secrets).retval[0].stdout;
    expect(masked).toBeInstanceOf(Utf8Output);
    expect(String(masked)).toBe(maskSecretValues(text, secrets));
    expect(String(masked)).toContain(`${MASK} and {"p":"${MASK}"} ${MASK}`);
    const clean = { retval: [{ stdout: sut }] };
    expect(maskSecretValues(clean, ['nowhere'])).toBe(clean);
  });

  it('a secret a decoder cannot produce as such is masked in the decoded string', () => {
    const sut = new Utf8Output(Buffer.from([0x61, 0xff, 0x62, 0x63, 0x64]));
    expect(maskSecretValues(sut, ['a\ufffdbc'])).toBe(`${MASK}d`);
  });

  it('outputOf keeps bytes past the large size only, and cuts at the cap', () => {
    const small = outputOf(Buffer.from('abc'), 2);
    expect(small).toEqual({ output: 'ab', truncated: true });
    const big = Buffer.alloc(LARGE_OUTPUT_BYTES + 1, 0x78);
    const large = outputOf(big, LARGE_OUTPUT_BYTES + 10);
    expect(large.truncated).toBe(false);
    expect(large.output).toBeInstanceOf(Utf8Output);
    expect(outputText(large.output)).toBe(big.toString('utf8'));
    expect(outputText(7)).toBe(7);
  });
});
