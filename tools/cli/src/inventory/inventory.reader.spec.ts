import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readInventory } from './inventory.reader';

const dir = mkdtempSync(join(tmpdir(), 'np-inv-'));
function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe('readInventory', () => {
  it('maps CSV columns to connection_args, numbers typed, quoted cells and per-device commands', () => {
    const rows = readInventory(file('a.csv', 'host,port,device_type,command\n127.0.10.1,2222,cisco_ios,"show clock; show version"\n"127.0.10.2",22,"arista_eos",\n'));
    expect(rows).toEqual([
      { line: 2, device: { host: '127.0.10.1', port: 2222, device_type: 'cisco_ios', command: ['show clock', 'show version'] } },
      { line: 3, device: { host: '127.0.10.2', port: 22, device_type: 'arista_eos' } },
    ]);
  });

  it('reports a row with the wrong number of columns or a bad number, and keeps the others', () => {
    const rows = readInventory(file('b.csv', 'host,port\n127.0.10.1\n127.0.10.2,x\n127.0.10.3,22\n'));
    expect(rows).toEqual([
      { line: 2, error: 'line 2: 1 columns, the header has 2' },
      { line: 3, error: 'line 3: port must be a number (got x)' },
      { line: 4, device: { host: '127.0.10.3', port: 22 } },
    ]);
  });

  it('reads a YAML list or a devices: mapping', () => {
    expect(readInventory(file('c.yaml', 'devices:\n  - host: 127.0.10.1\n    port: 2222\n'))).toEqual([{ line: 1, device: { host: '127.0.10.1', port: 2222 } }]);
    expect(() => readInventory(file('d.txt', 'x'))).toThrow('is not .csv, .yaml, .yml or .json');
  });
});
