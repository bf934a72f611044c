import { RECORD_FIELDS, recordFromHash } from './job.record';

describe('recordFromHash', () => {
  it('reads no hash field outside RECORD_FIELDS (readers that fetch only those get the whole record)', () => {
    const read = new Set<string>();
    const hash = new Proxy({ id: 'j-1', status: 'finished', command: '["show clock"]', result: '{"type":1}' } as Record<string, string>, {
      get(target, key) {
        if (typeof key === 'string') read.add(key);
        return target[key as string];
      },
    });
    expect(recordFromHash(hash)?.id).toBe('j-1');
    expect([...read].filter((k) => !(RECORD_FIELDS as readonly string[]).includes(k))).toEqual([]);
    expect([...read].sort()).toEqual([...RECORD_FIELDS].sort());
  });
});
