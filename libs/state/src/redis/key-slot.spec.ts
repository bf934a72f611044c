import { crc16, keySlot } from './key-slot';

describe('keySlot', () => {
  it('is CRC16/XMODEM of the key modulo 16384 (the check value of the algorithm, and slots Redis reports)', () => {
    expect(crc16('123456789')).toBe(0x31c3);
    // CLUSTER KEYSLOT answers of a Redis 7 server.
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('bar')).toBe(5061);
  });

  it('hashes only the first non-empty {tag}', () => {
    expect(keySlot('ns:{b3f}:job:1')).toBe(keySlot('other:{b3f}:hostq:127.0.0.1'));
    expect(keySlot('ns:{b3f}:job:1')).toBe(keySlot('b3f'));
    expect(keySlot('a{}b')).toBe(crc16('a{}b') % 16384);
    expect(keySlot('{x}{y}')).toBe(keySlot('x'));
    expect(keySlot('a{b')).toBe(crc16('a{b') % 16384);
  });
});
