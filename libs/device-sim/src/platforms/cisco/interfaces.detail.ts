import type { CliContext } from '../../shell/shell.types';
import { InterfaceFacts, interfacesOf, macOf, uptimeOf } from '../common/device.facts';

/** `255.255.255.0` or `24` as a prefix length. */
export function prefixLength(mask: string | undefined): number {
  if (mask === undefined) return 32;
  if (/^\d+$/.test(mask)) return Number(mask);
  return mask.split('.').reduce((n, part) => n + ((Number(part) >>> 0).toString(2).match(/1/g)?.length ?? 0), 0);
}

/** Per-interface state the platform decides (which links are up, how fast, what hardware). */
export interface InterfaceLook {
  up(facts: InterfaceFacts, index: number): boolean;
  hardware(name: string): string;
  /** Bandwidth in Kbit/s. */
  bandwidthKbit(name: string): number;
  mtu(name: string): number;
}

/** `show interfaces` in the IOS layout: one block per interface, from the running config. */
export function iosShowInterfaces(ctx: CliContext, look: InterfaceLook): string {
  return interfacesOf(ctx.device.running)
    .map((f, i) => {
      const up = look.up(f, i);
      const state = f.shutdown ? 'administratively down' : up ? 'up' : 'down';
      const mac = macOf(ctx.device.host, i + 1, 'cisco');
      const lines = [`${f.name} is ${state}, line protocol is ${up ? 'up' : 'down'}${/Ethernet/.test(f.name) ? (f.shutdown ? ' (disabled)' : up ? ' (connected)' : ' (notconnect)') : ''}`];
      lines.push(/Loopback|Tunnel/.test(f.name) ? `  Hardware is ${look.hardware(f.name)}` : `  Hardware is ${look.hardware(f.name)}, address is ${mac} (bia ${mac})`);
      if (f.description) lines.push(`  Description: ${f.description}`);
      if (f.address) lines.push(`  Internet address is ${f.address}/${prefixLength(f.mask)}`);
      lines.push(`  MTU ${look.mtu(f.name)} bytes, BW ${look.bandwidthKbit(f.name)} Kbit/sec, DLY 10 usec,`);
      lines.push('     reliability 255/255, txload 1/255, rxload 1/255');
      lines.push(`  Encapsulation ${/Loopback/.test(f.name) ? 'LOOPBACK' : 'ARPA'}, loopback not set`);
      if (/Ethernet/.test(f.name)) lines.push(up ? '  Full-duplex, 1000Mb/s, media type is 10/100/1000BaseTX' : '  Auto-duplex, Auto-speed, media type is 10/100/1000BaseTX');
      lines.push('  Last input never, output 00:00:01, output hang never');
      lines.push('     0 packets input, 0 bytes, 0 no buffer');
      lines.push('     0 packets output, 0 bytes, 0 underruns');
      return lines.join('\n');
    })
    .join('\n')
    .concat('\n');
}

/** `show interfaces` in the EOS layout. */
export function eosShowInterfaces(ctx: CliContext, look: InterfaceLook): string {
  const up = uptimeOf(ctx.device.bootedAt);
  const since = `${up.weeks * 7 + up.days} days, ${up.hours} hours, ${up.minutes} minutes, ${up.seconds} seconds`;
  return interfacesOf(ctx.device.running)
    .map((f, i) => {
      const isUp = look.up(f, i);
      const state = f.shutdown ? 'administratively down' : isUp ? 'up' : 'down';
      const mac = macOf(ctx.device.host, i + 1, 'cisco');
      const lines = [`${f.name} is ${state}, line protocol is ${isUp ? 'up' : 'down'} (${f.shutdown ? 'disabled' : isUp ? 'connected' : 'notconnect'})`];
      lines.push(/Loopback/.test(f.name) ? `  Hardware is ${look.hardware(f.name)}` : `  Hardware is ${look.hardware(f.name)}, address is ${mac} (bia ${mac})`);
      if (f.description) lines.push(`  Description: ${f.description}`);
      if (f.address) lines.push(`  Internet address is ${f.address}/${prefixLength(f.mask)}`);
      lines.push(`  ${/Loopback/.test(f.name) ? 'IP' : 'Ethernet'} MTU ${look.mtu(f.name)} bytes, BW ${look.bandwidthKbit(f.name)} kbit`);
      if (/Ethernet|Management/.test(f.name)) lines.push(isUp ? '  Full-duplex, 1Gb/s, auto negotiation: off, uni-link: n/a' : '  Unknown-duplex, Unknown-speed, auto negotiation: off, uni-link: n/a');
      lines.push(`  ${isUp ? 'Up' : 'Down'} ${since}`);
      lines.push('  1 link status changes since last clear');
      return lines.join('\n');
    })
    .join('\n')
    .concat('\n');
}
