import type { DeviceView } from '../../shell/shell.types';
import { addressNumber, clockParts, col, serialOf, uptimeOf } from '../common/device.facts';

/** Sensor readings stable per device (a switch in a cool room, fans and supplies all fine). */
function readings(device: DeviceView): { cpu1m: number; cpu5m: number; cpu5s: number; temp: number } {
  const n = addressNumber(device.host);
  return { cpu5s: 3 + (n % 9), cpu1m: 4 + (n % 7), cpu5m: 3 + (n % 6), temp: 34 + (n % 9) };
}

/** IOS (Catalyst 2960-X) `show environment all`. */
export function iosEnvironment(device: DeviceView): string {
  const r = readings(device);
  const serial = serialOf(device.host, 'LIT');
  return [
    'Switch 1 FAN 1 is OK',
    'Switch 1 FAN 2 is OK',
    'FAN PS-1 is OK',
    'SYSTEM TEMPERATURE is OK',
    `System Temperature Value: ${r.temp} Degree Celsius`,
    'System Temperature State: GREEN',
    'Yellow Threshold : 66 Degree Celsius',
    'Red Threshold    : 76 Degree Celsius',
    'SW  PID                 Serial#     Status           Sys Pwr  PoE Pwr  Watts',
    '--  ------------------  ----------  ---------------  -------  -------  -----',
    `1A  ${col('PWR-C2-250WAC', 20)}${col(serial, 12)}${col('OK', 17)}${col('Good', 9)}${col('n/a', 9)}250/0`,
    '1B  Not Present',
    '',
  ].join('\n');
}

/** IOS `show processes cpu`: the utilisation line and the busiest processes. */
export function iosProcessesCpu(device: DeviceView): string {
  const r = readings(device);
  return [
    `CPU utilization for five seconds: ${r.cpu5s}%/0%; one minute: ${r.cpu1m}%; five minutes: ${r.cpu5m}%`,
    ' PID Runtime(ms)     Invoked      uSecs   5Sec   1Min   5Min TTY Process ',
    '   1          12          91        131  0.00%  0.00%  0.00%   0 Chunk Manager    ',
    '   2       85014      410221        207  0.07%  0.05%  0.05%   0 Load Meter       ',
    ' 145     2214583     9127341        242  1.27%  1.10%  1.07%   0 Hulc LED Process ',
    ' 212      981234     4561234        215  0.31%  0.29%  0.29%   0 IP Input         ',
    '',
  ].join('\n');
}

/** IOS `show memory statistics` (bytes). */
export function iosMemoryStatistics(device: DeviceView): string {
  const used = 98_000_000 + (addressNumber(device.host) % 4096) * 1024;
  const total = 366_096_884;
  const io = { total: 16_777_216, used: 11_823_176 };
  return [
    '                Head    Total(b)     Used(b)     Free(b)   Lowest(b)  Largest(b)',
    `Processor    2A4C1F0 ${String(total).padStart(11)} ${String(used).padStart(11)} ${String(total - used).padStart(11)} ${String(total - used - 2_500_000).padStart(11)} ${String(total - used - 500_000).padStart(11)}`,
    `      I/O    7000000 ${String(io.total).padStart(11)} ${String(io.used).padStart(11)} ${String(io.total - io.used).padStart(11)} ${String(io.total - io.used - 4648).padStart(11)} ${String(io.total - io.used - 23164).padStart(11)}`,
    '',
  ].join('\n');
}

/** EOS `show environment cooling`. */
export function eosCooling(device: DeviceView): string {
  const r = readings(device);
  return [
    'System cooling status is: Ok',
    `Ambient temperature: ${r.temp - 10}C`,
    'Airflow: frontToBackAirflow',
    'Fan            Status  Configured Speed  Actual Speed',
    '-------------- ------- ----------------- ------------',
    '1/1            Ok      45%               46%',
    '2/1            Ok      45%               45%',
    '3/1            Ok      45%               46%',
    'PowerSupply1/1 Ok      45%               44%',
    'PowerSupply2/1 Ok      45%               45%',
    '',
  ].join('\n');
}

/** EOS `show environment temperature`. */
export function eosTemperature(device: DeviceView): string {
  const r = readings(device);
  const row = (sensor: string, description: string, value: number, alert: number, critical: number): string =>
    `${col(sensor, 15)}${col(description, 32)}${col(value.toFixed(1), 9)}${col(`(${alert - 10}.0)`, 11)}${col('Ok', 8)}${col(`${alert}.0`, 9)}${critical}.0`;
  return [
    'System temperature status is: Ok',
    '',
    '                                                                        Alert    Critical',
    '                                              Temp     Setpoint                Limit    Limit',
    'Sensor         Description                     (C)      (C)        Status      (C)      (C)',
    '-------------- ------------------------------- -------- ---------- ------- -------- --------',
    row('TempSensor1', 'Cpu temp sensor', r.temp + 12, 95, 105),
    row('TempSensor2', 'Front-panel temp sensor', r.temp - 8, 65, 75),
    row('TempSensor3', 'Switch chip temp sensor', r.temp + 20, 105, 115),
    '',
  ].join('\n');
}

/** EOS `show environment power`. */
export function eosPower(device: DeviceView): string {
  const up = uptimeOf(device.bootedAt);
  const since = `${up.weeks * 7 + up.days} days, ${up.hours}:${String(up.minutes).padStart(2, '0')}:${String(up.seconds).padStart(2, '0')}`;
  const draw = [118.4 + (addressNumber(device.host) % 10), 112.6 + (addressNumber(device.host) % 7)];
  const row = (n: number, watts: number): string => `${col(String(n), 8)}${col('PWR-500AC-R', 17)}${col('500W', 9)}${col('0.54A', 8)}${col('9.80A', 8)}${col(`${watts.toFixed(1)}W`, 8)}${col('Ok', 8)}${since}`;
  return [
    'Power                            Input   Output  Output',
    'Supply  Model            Capacity Current Current Power  Status  Uptime',
    '------- ---------------- -------- ------- ------- ------ ------- --------------',
    row(1, draw[0]),
    row(2, draw[1]),
    `Total   ---------------- 1000W    ------- ------- ${(draw[0] + draw[1]).toFixed(1)}W -------`,
    '',
  ].join('\n');
}

/** EOS `show processes top once` (header and the busiest processes). */
export function eosTopOnce(device: DeviceView): string {
  const r = readings(device);
  const c = clockParts();
  const up = uptimeOf(device.bootedAt);
  const idle = (100 - r.cpu5s - 1.2).toFixed(1);
  return [
    `top - ${c.hms} up ${up.weeks * 7 + up.days} days,  ${up.hours}:${String(up.minutes).padStart(2, '0')},  1 user,  load average: 0.52, 0.48, 0.45`,
    'Tasks: 312 total,   1 running, 311 sleeping,   0 stopped,   0 zombie',
    `%Cpu(s):  ${r.cpu5s.toFixed(1)} us,  1.0 sy,  0.0 ni, ${idle} id,  0.0 wa,  0.2 hi,  0.0 si,  0.0 st`,
    'KiB Mem :  3999372 total,  2622180 free,   902304 used,   474888 buff/cache',
    'KiB Swap:        0 total,        0 free,        0 used.  2893120 avail Mem',
    '',
    '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU %MEM     TIME+ COMMAND',
    ' 1899 root      20   0  661200 187504 112644 S   6.2  4.7  12:34.56 Sysdb',
    ' 2013 root      20   0  612340 143220  98712 S   1.3  3.6   8:01.12 ConfigAgent',
    '',
  ].join('\n');
}
