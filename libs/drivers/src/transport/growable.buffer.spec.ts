import { GrowableBuffer } from './growable.buffer';

describe('GrowableBuffer', () => {
  it('holds what was pushed, in order, across growth', () => {
    const sut = new GrowableBuffer();
    const parts = [Buffer.from('abc'), Buffer.alloc(100_000, 1), Buffer.from('xyz'), Buffer.alloc(70_000, 2)];
    for (const p of parts) sut.push(p);
    expect(sut.length).toBe(170_006);
    expect(sut.bytes().equals(Buffer.concat(parts))).toBe(true);
  });

  it('never grows past its limit when the pushes stay within it', () => {
    const sut = new GrowableBuffer(100_000);
    for (let i = 0; i < 10; i++) sut.push(Buffer.alloc(10_000, i));
    expect(sut.length).toBe(100_000);
    expect(sut.bytes().buffer.byteLength).toBeLessThanOrEqual(100_000 + 8192);
  });

  it('is empty at first', () => {
    expect(new GrowableBuffer().bytes().length).toBe(0);
  });

  it('past 1 MiB takes its whole limit at once instead of doubling again (no further copy)', () => {
    const limit = 8 * 1024 * 1024;
    const sut = new GrowableBuffer(limit);
    sut.push(Buffer.alloc(700_000, 1));
    sut.push(Buffer.alloc(700_000, 2));
    const reserved = sut.bytes().buffer;
    expect(reserved.byteLength).toBeGreaterThanOrEqual(limit);
    for (let i = 0; i < 5; i++) sut.push(Buffer.alloc(1_000_000, 3 + i));
    expect(sut.bytes().buffer).toBe(reserved);
    expect(sut.length).toBe(6_400_000);
    expect(sut.bytes()[0]).toBe(1);
    expect(sut.bytes()[6_399_999]).toBe(7);
  });
});
