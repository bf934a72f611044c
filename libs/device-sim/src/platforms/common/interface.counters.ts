import { addressNumber } from './device.facts';

/** Traffic counters of one interface since boot, as `show interfaces` prints them. */
export interface InterfaceCounters {
  readonly rxPackets: number;
  readonly rxBytes: number;
  readonly rxBroadcasts: number;
  readonly rxMulticasts: number;
  readonly rxErrors: number;
  readonly rxCrc: number;
  /** Input queue drops / input discards. */
  readonly rxDiscards: number;
  readonly txPackets: number;
  readonly txBytes: number;
  readonly txBroadcasts: number;
  readonly txMulticasts: number;
  readonly txErrors: number;
  /** Total output drops / output discards. */
  readonly txDiscards: number;
  /** Packets per second in and out (the 5-minute rate lines). */
  readonly rxPps: number;
  readonly txPps: number;
  readonly rxBps: number;
  readonly txBps: number;
}

const ZERO: InterfaceCounters = {
  rxPackets: 0, rxBytes: 0, rxBroadcasts: 0, rxMulticasts: 0, rxErrors: 0, rxCrc: 0, rxDiscards: 0,
  txPackets: 0, txBytes: 0, txBroadcasts: 0, txMulticasts: 0, txErrors: 0, txDiscards: 0, rxPps: 0, txPps: 0, rxBps: 0, txBps: 0,
};

/**
 * Counters that grow with the device's uptime at a steady rate per interface (distinct per device
 * address and port), so two reads a second apart differ as on a live device. A link that is down
 * has carried nothing; a loopback counts nothing.
 */
export function countersOf(host: string, index: number, carriesTraffic: boolean, bootedAt: Date, now = Date.now()): InterfaceCounters {
  if (!carriesTraffic) return ZERO;
  const seconds = Math.max(1, Math.floor((now - bootedAt.getTime()) / 1000));
  const seed = (addressNumber(host) % 97) + index * 13;
  const rxPps = 20 + (seed % 180);
  const txPps = 15 + ((seed * 7) % 150);
  const rxPackets = rxPps * seconds;
  const txPackets = txPps * seconds;
  const rxSize = 380 + (seed % 500);
  const txSize = 420 + ((seed * 3) % 460);
  return {
    rxPackets,
    rxBytes: rxPackets * rxSize,
    rxBroadcasts: Math.floor(rxPackets / 50),
    rxMulticasts: Math.floor(rxPackets / 20),
    rxErrors: Math.floor(rxPackets / 4_000_000),
    rxCrc: Math.floor(rxPackets / 4_000_000),
    rxDiscards: Math.floor(rxPackets / 1_500_000),
    txPackets,
    txBytes: txPackets * txSize,
    txBroadcasts: Math.floor(txPackets / 80),
    txMulticasts: Math.floor(txPackets / 25),
    txErrors: 0,
    txDiscards: Math.floor(txPackets / 2_000_000),
    rxPps,
    txPps,
    rxBps: rxPps * rxSize * 8,
    txBps: txPps * txSize * 8,
  };
}
