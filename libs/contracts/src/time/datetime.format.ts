/**
 * Formats a time the way the original's Python `isoformat()` does: explicit offset (`+00:00`, never `Z`),
 * microseconds only when non-zero, in the `TZ` zone when it is a valid IANA zone, else UTC.
 */
export function formatDatetime(epochMicros: number, timeZone: string | undefined = process.env.TZ): string {
  const zone = validZone(timeZone);
  const ms = Math.floor(epochMicros / 1000);
  const micros = Math.round(epochMicros - Math.floor(epochMicros / 1_000_000) * 1_000_000);
  const offsetMin = zone === 'UTC' ? 0 : zoneOffsetMinutes(ms, zone);
  const local = new Date(ms + offsetMin * 60_000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  let s =
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  if (micros !== 0) s += `.${pad(micros, 6)}`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${s}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const zoneCache = new Map<string, string>();

function validZone(tz: string | undefined): string {
  if (!tz) return 'UTC';
  const hit = zoneCache.get(tz);
  if (hit) return hit;
  let zone = 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    zone = tz;
  } catch {
    zone = 'UTC';
  }
  zoneCache.set(tz, zone);
  return zone;
}

function zoneOffsetMinutes(ms: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (t: string): number => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/** Now, in epoch microseconds. */
export function nowMicros(): number {
  return Date.now() * 1000;
}
