import { PythonRepr } from '../ntc/python-repr';
import { PythonValueFormatter } from './python-value.formatter';
import { RENDER_SIZE_LIMITS, boundedWidth } from './render-size.limits';

const SPEC = /%(\([^)]*\))?([-+ 0#]*)(\d+)?(?:\.(\d+))?(.?)/g;

/**
 * Python's `%` formatting as Jinja2's `format` filter applies it (`"%s-%02d" | format(a, b)`):
 * conversions `s r d i f F x X o c %`, flags `- + space 0`, width and precision. Anything else
 * (mapping keys `%(name)s`, `%e`, `*` widths) is refused rather than formatted differently.
 * @throws Error (shown as a template error) for an unsupported spec or a mismatch of arguments
 */
export function pythonPercentFormat(format: unknown, ...args: unknown[]): string {
  const text = String(format ?? '');
  let next = 0;
  const out = text.replace(SPEC, (spec: string, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conv: string) => {
    if (key !== undefined || !'srdifFxXoc%'.includes(conv) || conv === '') throw new Error(`ValueError: format spec ${spec} is not supported`);
    if (conv === '%') return '%';
    if (next >= args.length) throw new Error('TypeError: not enough arguments for format string');
    const value = args[next++];
    const digits = precision === undefined ? undefined : Number(precision);
    if (digits !== undefined && digits > RENDER_SIZE_LIMITS.maxPrecision) {
      throw new Error(`ValueError: format spec ${spec} precision is over the limit of ${RENDER_SIZE_LIMITS.maxPrecision}`);
    }
    return pad(convert(value, conv, digits, flags), width === undefined ? 0 : boundedWidth(`format spec ${spec}`, width), flags, conv);
  });
  if (next < args.length) throw new Error('TypeError: not all arguments converted during string formatting');
  return out;
}

function convert(value: unknown, conv: string, precision: number | undefined, flags: string): string {
  if (conv === 's' || conv === 'r') {
    const s = conv === 'r' && typeof value === 'string' ? PythonRepr.string(value) : String(PythonValueFormatter.str(value));
    return precision === undefined ? s : s.slice(0, precision);
  }
  if (conv === 'c') return typeof value === 'number' ? String.fromCodePoint(value) : String(value);
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    throw new Error(`TypeError: %${conv} format: a real number is required, not ${value === null ? 'NoneType' : typeof value}`);
  }
  const n = Number(value);
  let digits: string;
  if (conv === 'd' || conv === 'i') digits = String(Math.abs(Math.trunc(n)));
  else if (conv === 'x' || conv === 'X' || conv === 'o') digits = Math.abs(Math.trunc(n)).toString(conv === 'o' ? 8 : 16);
  else digits = Math.abs(n).toFixed(precision ?? 6);
  if (conv === 'X') digits = digits.toUpperCase();
  const sign = n < 0 ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
  return sign + digits;
}

function pad(s: string, width: number, flags: string, conv: string): string {
  if (s.length >= width) return s;
  if (flags.includes('-')) return s.padEnd(width);
  if (flags.includes('0') && !'src'.includes(conv)) {
    const sign = /^[-+ ]/.test(s) ? s.charAt(0) : '';
    return sign + s.slice(sign.length).padStart(width - sign.length, '0');
  }
  return s.padStart(width);
}
