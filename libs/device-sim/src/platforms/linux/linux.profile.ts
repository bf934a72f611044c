import { ConfigTree } from '../../config/config.tree';
import type { CliContext, CliLevel, CommandReply, DeviceView, PagerStyle } from '../../shell/shell.types';
import { macOf, uptimeOf } from '../common/device.facts';
import type { DeviceSeed, PlatformProfile } from '../platform.profile';

type Builtin = (args: readonly string[], ctx: CliContext) => CommandReply;

const KERNEL = '6.1.0-18-amd64';

/**
 * A Debian host behind a bash-like prompt (`user@host:~$`), for the Linux exec (paramiko-style)
 * driver: a handful of commands with real exit statuses, `command not found` (127) on stderr.
 * Commands must be typed in full, as in a shell.
 */
export class LinuxProfile implements PlatformProfile {
  readonly defaultHostname = 'debian';
  readonly execLevel: CliLevel = 'user';
  readonly execNewline = '\n';
  readonly loginLevel: CliLevel = 'user';
  readonly name = 'linux';
  readonly pager: PagerStyle = { erase: '', prompt: '' };
  readonly sshIdent = 'OpenSSH_9.2p1 Debian-2+deb12u2';
  readonly suspendCommand = undefined;
  readonly terminalLength = 0;

  private readonly builtins = new Map<string, Builtin>([
    ['cat', (args, ctx) => this.cat(args, ctx)],
    ['date', () => ({ output: `${new Date().toUTCString().replace('GMT', 'UTC')}\n` })],
    ['echo', (args) => ({ output: `${args.join(' ')}\n` })],
    ['exit', () => ({ endSession: true, output: 'logout\n' })],
    ['false', () => ({ exitCode: 1 })],
    ['hostname', (_args, ctx) => ({ output: `${ctx.device.hostname}\n` })],
    ['id', (_args, ctx) => ({ output: `uid=1000(${ctx.username}) gid=1000(${ctx.username}) groups=1000(${ctx.username}),27(sudo)\n` })],
    ['ip', (args, ctx) => this.ip(args, ctx)],
    ['logout', () => ({ endSession: true })],
    ['pwd', (_args, ctx) => ({ output: `/home/${ctx.username}\n` })],
    ['true', () => ({})],
    ['uname', (args, ctx) => this.uname(args, ctx)],
    ['uptime', (_args, ctx) => ({ output: ` ${new Date().toISOString().slice(11, 19)} up ${uptimeOf(ctx.device.bootedAt).days} days,  1 user,  load average: 0.00, 0.01, 0.05\n` })],
    ['whoami', (_args, ctx) => ({ output: `${ctx.username}\n` })],
  ]);

  banner(device: DeviceView): string {
    return `Linux ${device.hostname} ${KERNEL} #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64\n\nThe programs included with the Debian GNU/Linux system are free software.\n`;
  }

  createConfig(seed: DeviceSeed): ConfigTree {
    return ConfigTree.parseIndented(`hostname ${seed.hostname}`);
  }

  handle(line: string, ctx: CliContext): CommandReply {
    const words = splitWords(line);
    if (words.length === 0) return {};
    const builtin = this.builtins.get(words[0]);
    if (!builtin) return { exitCode: 127, failed: true, stderr: `-bash: ${words[0]}: command not found\n` };
    return builtin(words.slice(1), ctx);
  }

  hostnameOf(config: ConfigTree): string | undefined {
    return config.root.children.map((n) => /^hostname\s+(\S+)/.exec(n.text)?.[1]).find((h) => h !== undefined);
  }

  prompt(ctx: CliContext): string {
    return `${ctx.username}@${ctx.device.hostname}:~${ctx.username === 'root' ? '#' : '$'} `;
  }

  renderConfig(config: ConfigTree, _device: DeviceView): string {
    return `${config.lines().join('\n')}\n`;
  }

  private cat(args: readonly string[], ctx: CliContext): CommandReply {
    const files: Record<string, string> = {
      '/etc/hostname': `${ctx.device.hostname}\n`,
      '/etc/os-release': [
        'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
        'NAME="Debian GNU/Linux"',
        'VERSION_ID="12"',
        'VERSION="12 (bookworm)"',
        'VERSION_CODENAME=bookworm',
        'ID=debian',
        'HOME_URL="https://www.debian.org/"',
        '',
      ].join('\n'),
    };
    const missing = args.find((f) => files[f] === undefined);
    if (missing !== undefined) return { exitCode: 1, failed: true, stderr: `cat: ${missing}: No such file or directory\n` };
    return { output: args.map((f) => files[f]).join('') };
  }

  private uname(args: readonly string[], ctx: CliContext): CommandReply {
    if (args.includes('-a')) return { output: `Linux ${ctx.device.hostname} ${KERNEL} #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux\n` };
    if (args.includes('-r')) return { output: `${KERNEL}\n` };
    return { output: 'Linux\n' };
  }

  private ip(args: readonly string[], ctx: CliContext): CommandReply {
    if (!/^a(d(d(r(e(s(s)?)?)?)?)?)?$/.test(args[0] ?? '')) {
      return { exitCode: 1, failed: true, stderr: `Object "${args[0] ?? ''}" is unknown, try "ip help".\n` };
    }
    const mac = macOf(ctx.device.host, 1);
    return {
      output: [
        '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
        '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00',
        '    inet 127.0.0.1/8 scope host lo',
        '       valid_lft forever preferred_lft forever',
        `    inet ${ctx.device.host}/8 scope host secondary lo`,
        '       valid_lft forever preferred_lft forever',
        '    inet6 ::1/128 scope host noprefixroute',
        '       valid_lft forever preferred_lft forever',
        '2: eth0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default qlen 1000',
        `    link/ether ${mac} brd ff:ff:ff:ff:ff:ff`,
        '',
      ].join('\n'),
    };
  }
}

/** Shell words with simple single/double quoting (enough for `echo "a b"`). */
function splitWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) words.push(m[1] ?? m[2] ?? m[3]);
  return words;
}
