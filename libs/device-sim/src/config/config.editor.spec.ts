import type { CliContext, DeviceView } from '../shell/shell.types';
import { ciscoDialect } from '../platforms/cisco/cisco.dialect';
import { ConfigEditor } from './config.editor';
import { ConfigTree } from './config.tree';

function contextFor(tree: ConfigTree): CliContext & { device: DeviceView & { lines: number } } {
  const device = {
    bootedAt: new Date(0),
    files: new Map<string, string>(),
    host: '127.0.20.1',
    hostname: 'R1',
    lines: 0,
    recordConfigLine(): void {
      device.lines += 1;
    },
    recordSave(): void {
      throw new Error('unexpected save');
    },
    running: tree,
    schedule(): () => void {
      throw new Error('unexpected timer');
    },
    secret: 'admin',
    startup: tree,
  };
  return { candidate: undefined, device, interactive: true, level: 'config', promptWidth: 0, sections: [], terminalLength: 0, username: 'admin' };
}

describe('ConfigEditor (Cisco dialect)', () => {
  const sut = new ConfigEditor(ciscoDialect(['GigabitEthernet', 'Loopback', 'Vlan']));

  it('opens sub-modes, expands names and files statements under their stanza', () => {
    const tree = ConfigTree.parseIndented('hostname R1');
    const ctx = contextFor(tree);
    expect(sut.apply('int gi1/0/2', ctx, tree)).toEqual({ kind: 'applied' });
    expect(ctx.sections).toEqual([{ label: 'config-if', path: ['interface GigabitEthernet1/0/2'] }]);
    sut.apply('desc uplink', ctx, tree);
    sut.apply('description core', ctx, tree);
    sut.apply('ip address 127.0.20.1 255.255.255.0', ctx, tree);
    expect(tree.lines()).toEqual(['hostname R1', 'interface GigabitEthernet1/0/2', ' description core', ' ip address 127.0.20.1 255.255.255.0']);
    expect(ctx.device.lines).toBe(4);
  });

  it('removes lines with no, and drops out of a sub-mode for a global command', () => {
    const tree = ConfigTree.parseIndented('interface Loopback1\n description x\n shutdown');
    const ctx = contextFor(tree);
    sut.apply('interface Loopback1', ctx, tree);
    sut.apply('no shutdown', ctx, tree);
    sut.apply('hostname R9', ctx, tree);
    expect(ctx.sections).toEqual([]);
    expect(tree.lines()).toEqual(['interface Loopback1', ' description x', 'hostname R9']);
    sut.apply('no interface Loopback1', ctx, tree);
    expect(tree.lines()).toEqual(['hostname R9']);
  });

  it('rejects unknown keywords with the offset of the word', () => {
    const tree = new ConfigTree();
    const ctx = contextFor(tree);
    expect(sut.apply('frobnicate on', ctx, tree)).toEqual({ kind: 'invalid', offset: 0 });
    expect(sut.apply('no  frobnicate', ctx, tree)).toEqual({ kind: 'invalid', offset: 4 });
    expect(sut.apply('no', ctx, tree)).toEqual({ kind: 'incomplete' });
  });
});
