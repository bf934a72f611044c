import type { ConfigNode, ConfigTree } from '../config/config.tree';
import { interfacesOf, uptimeOf } from '../platforms/common/device.facts';
import { CommandTree } from '../shell/command.tree';
import type { CliContext } from '../shell/shell.types';

/** Builds a command's eAPI JSON model from its CLI text (the one source of truth) and the device. */
type JsonView = (text: string, ctx: CliContext) => Record<string, unknown>;

/**
 * The JSON models of the show commands the simulator converts (`format: "json"`), shaped like
 * EOS 4.28's. Each view reads the text the CLI printed for the same command, so eAPI and SSH can
 * never disagree; device facts fill what the text rounds off (uptime, full descriptions).
 * A show command without a view answers "unconverted command" (1003), as EOS does.
 */
export class EapiJsonViews {
  private readonly tree = new CommandTree<JsonView>()
    .add('show version', showVersion)
    .add('show hostname', (_text, ctx) => ({ fqdn: ctx.device.hostname, hostname: ctx.device.hostname }))
    .add('show interfaces status', showInterfacesStatus)
    .add('show running-config', (text, ctx) => configView(text, ctx.device.running))
    .add('show startup-config', (text, ctx) => configView(text, ctx.device.startup));

  /** The JSON model of `command`, or undefined when the simulator has none for it. */
  render(command: string, text: string, ctx: CliContext): Record<string, unknown> | undefined {
    const match = this.tree.match(command);
    return match.kind === 'ok' && match.pipes.length === 0 ? match.handler(text, ctx) : undefined;
  }
}

const VERSION_KEYS: Readonly<Record<string, string>> = {
  Architecture: 'architecture',
  'Hardware MAC address': 'hwMacAddress',
  'Hardware version': 'hardwareRevision',
  'Image format version': 'imageFormatVersion',
  'Image optimization': 'imageOptimization',
  'Internal build ID': 'internalBuildId',
  'Internal build version': 'internalVersion',
  'Kernel version': 'kernelVersion',
  'Serial number': 'serialNumber',
  'Software image version': 'version',
  'System MAC address': 'systemMacAddress',
};

function showVersion(text: string, ctx: CliContext): Record<string, unknown> {
  const lines = text.split('\n');
  const out: Record<string, unknown> = { mfgName: 'Arista', modelName: (lines[0] ?? '').replace(/^Arista\s+/, '').trim() };
  for (const line of lines) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (!m) continue;
    const [, label, value] = m;
    const key = VERSION_KEYS[label];
    if (key) out[key] = /MAC address/.test(label) ? colonMac(value) : value.trim();
    if (label === 'Total memory') out.memTotal = Number.parseInt(value, 10);
    if (label === 'Free memory') out.memFree = Number.parseInt(value, 10);
  }
  const booted = ctx.device.bootedAt.getTime();
  const up = uptimeOf(ctx.device.bootedAt);
  return {
    ...out,
    bootupTimestamp: booted / 1000,
    configMacAddress: '00:00:00:00:00:00',
    isIntlVersion: false,
    uptime: ((up.weeks * 7 + up.days) * 86400 + up.hours * 3600 + up.minutes * 60 + up.seconds),
  };
}

/** EOS prints MACs as `5254.000a.0101` in text and `52:54:00:0a:01:01` in JSON. */
function colonMac(dotted: string): string {
  const hex = dotted.replace(/[^0-9a-fA-F]/g, '').toLowerCase();
  return hex.length === 12 ? (hex.match(/../g) ?? []).join(':') : dotted.trim();
}

function showInterfacesStatus(text: string, ctx: CliContext): Record<string, unknown> {
  // Rows follow the CLI's order of Ethernet and Management interfaces; the text cuts descriptions.
  const facts = interfacesOf(ctx.device.running).filter((f) => /^(Ethernet|Management)/.test(f.name));
  const rows = text.split('\n').slice(1).filter((line) => line.trim() !== '');
  const statuses: Record<string, unknown> = {};
  rows.forEach((row, i) => {
    const f = facts[i];
    if (!f) return;
    const cell = (from: number, to?: number): string => row.slice(from, to).trim();
    const status = cell(21, 34);
    const vlan = cell(34, 43);
    const speed = cell(50, 57);
    statuses[f.name] = {
      autoNegotiateActive: cell(43, 50) === 'auto',
      bandwidth: speed === '1G' ? 1_000_000_000 : 0,
      description: f.description,
      duplex: cell(43, 50) === 'full' ? 'duplexFull' : 'duplexUnknown',
      interfaceType: cell(57).split(/\s+/)[0] ?? '',
      lineProtocolStatus: status === 'connected' ? 'up' : status === 'disabled' ? 'down' : 'lowerLayerDown',
      linkStatus: status,
      vlanInformation:
        vlan === 'routed'
          ? { interfaceForwardingModel: 'routed', interfaceMode: 'routed' }
          : vlan === 'trunk'
            ? { interfaceForwardingModel: 'bridged', interfaceMode: 'trunk' }
            : { interfaceForwardingModel: 'bridged', interfaceMode: 'bridged', vlanId: Number(vlan) },
    };
  });
  return { interfaceStatuses: statuses };
}

/** EOS's JSON config: the `!` header lines, then every statement as a key (null, or its own `cmds`). */
function configView(text: string, tree: ConfigTree): Record<string, unknown> {
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('!')) break;
    if (line.trim() !== '!') header.push(line);
  }
  return { cmds: commandsOf(tree.root.children), comments: [], header };
}

function commandsOf(nodes: readonly ConfigNode[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const node of nodes) out[node.text] = node.children.length === 0 ? null : { cmds: commandsOf(node.children), comments: [] };
  return out;
}
