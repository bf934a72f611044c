import { ApiError } from '@netpulse/contracts';

/** An optional integer query parameter; a bad one is a FastAPI-style 422 naming it. */
export function optionalInt(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\s*-?\d+\s*$/.test(raw)) {
    throw ApiError.unprocessable([{ type: 'int_parsing', loc: ['query', name], msg: 'Input should be a valid integer, unable to parse string as an integer', input: raw }]);
  }
  if (n < min) throw ApiError.unprocessable([{ type: 'greater_than_equal', loc: ['query', name], msg: `Input should be greater than or equal to ${min}`, input: raw, ctx: { ge: min } }]);
  return n;
}
