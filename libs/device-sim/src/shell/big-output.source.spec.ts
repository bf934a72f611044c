import { BigOutputSource } from './big-output.source';

describe('BigOutputSource', () => {
  it.each([0, 1, 2, 63, 64, 65, 1000, 100_003])('produces exactly %i bytes', (size) => {
    const text = BigOutputSource.text(size);
    expect(Buffer.byteLength(text)).toBe(size);
    if (size >= 1) expect(text.endsWith('\n')).toBe(true);
  });

  it('returns the same bytes whatever the chunking', () => {
    const sut = new BigOutputSource(10_000);
    let joined = '';
    for (let offset = 0; offset < sut.size; offset += 777) joined += sut.read(offset, 777);
    expect(joined).toBe(BigOutputSource.text(10_000));
  });
});
