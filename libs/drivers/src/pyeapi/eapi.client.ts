import { isUtf8 } from 'node:buffer';
import { JsonToken, JsonTokenizer, LARGE_OUTPUT_BYTES, Utf8Json } from '@netpulse/contracts';
import { HttpError } from '../http/http.error';
import type { HttpTransport } from '../http/http.transport';

/** One entry of `params.cmds`: a command, or a command with the answer to its question. */
export type EapiCommand = string | { readonly cmd: string; readonly input: string };

export type EapiEncoding = 'json' | 'text';

/** eAPI's error object: `data` holds one entry per command run, the failing one with `errors`. */
export interface EapiErrorBody {
  readonly code: number;
  readonly message: string;
  readonly data: readonly unknown[];
}

/** A JSON-RPC answer: one result per command, or the device's error. */
export type EapiReply = { readonly kind: 'result'; readonly result: readonly unknown[] } | { readonly kind: 'error'; readonly error: EapiErrorBody };

export interface RunCmdsOptions {
  readonly autoComplete?: boolean | null;
  readonly expandAliases?: boolean | null;
  /**
   * An answer past `LARGE_OUTPUT_BYTES` keeps each result past that size as the JSON bytes the device
   * sent (a `Utf8Json`) instead of the object they parse to. Default false (the results are objects).
   */
  readonly keepLarge?: boolean;
  /** Largest answer accepted, bytes. */
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  /** Overrides the transport's time limit, milliseconds. */
  readonly timeoutMs?: number;
}

/** eAPI error code for "this command has no JSON form" (pyeapi retries such commands as text). */
export const EAPI_UNCONVERTED = 1003;

const EMPTY = Buffer.alloc(0);

/**
 * Arista eAPI over one HTTP transport: JSON-RPC 2.0 `runCmds` to `/command-api` with HTTP Basic
 * auth. Device errors come back as values; transport failures and a 401 are thrown as `HttpError`.
 */
export class EapiClient {
  private nextId = 1;

  constructor(
    private readonly http: HttpTransport,
    private readonly username: string,
    private readonly password: string,
  ) {}

  get closed(): boolean {
    return this.http.closed;
  }

  async runCmds(cmds: readonly EapiCommand[], format: EapiEncoding, opts: RunCmdsOptions = {}): Promise<EapiReply> {
    const params: Record<string, unknown> = { version: 1, cmds, format };
    if (typeof opts.autoComplete === 'boolean') params.autoComplete = opts.autoComplete;
    if (typeof opts.expandAliases === 'boolean') params.expandAliases = opts.expandAliases;
    const id = `netpulse-${this.nextId++}`;
    const res = await this.http.request({
      body: JSON.stringify({ jsonrpc: '2.0', method: 'runCmds', params, id }),
      headers: { accept: 'application/json', authorization: `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`, 'content-type': 'application/json' },
      maxBytes: opts.maxBytes,
      method: 'POST',
      path: '/command-api',
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
    });
    if (res.status === 200 && opts.keepLarge && res.body.length > LARGE_OUTPUT_BYTES) {
      const reply = largeReply(res.body, LARGE_OUTPUT_BYTES);
      if (reply) return reply;
    }
    const text = res.body.toString('utf8');
    // Only the text is needed from here on: the bytes can go while a large answer is parsed.
    res.body = EMPTY;
    if (res.status === 401) throw new HttpError('auth', `Authentication to eAPI at ${this.http.endpoint} failed: ${text.trim() || res.statusText}`);
    if (res.status !== 200) throw new HttpError('protocol', `eAPI at ${this.http.endpoint} answered HTTP ${res.status} ${res.statusText}: ${text.slice(0, 200).trim()}`);
    return parseReply(text, this.http.endpoint);
  }

  close(): void {
    this.http.close();
  }
}

function parseReply(text: string, endpoint: string): EapiReply {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError('protocol', `eAPI at ${endpoint} answered with invalid JSON: ${text.slice(0, 200)}`);
  }
  if (!isObject(body)) throw new HttpError('protocol', `eAPI at ${endpoint} answered with a non-object`);
  if (isObject(body.error)) {
    const e = body.error;
    return {
      error: { code: typeof e.code === 'number' ? e.code : 0, data: Array.isArray(e.data) ? e.data : [], message: typeof e.message === 'string' ? e.message : 'eAPI error' },
      kind: 'error',
    };
  }
  if (!Array.isArray(body.result)) throw new HttpError('protocol', `eAPI at ${endpoint} answered without result or error`);
  return { kind: 'result', result: body.result };
}

/**
 * A JSON-RPC answer read from its bytes without parsing it whole: its `result` array's elements past
 * `largeBytes` stay their bytes (`Utf8Json`), the others are parsed. Null when the answer should go
 * through {@link parseReply} instead, which gives the same results as objects (or the error): not
 * UTF-8, not JSON, an `error` member, a repeated member, no `result` array. An element whose
 * properties JSON.parse would move or drop (repeated names, `"10"` after `"9"`... see
 * `JsonTokenizer.skipValue`) is parsed, whatever its size.
 */
export function largeReply(body: Buffer, largeBytes: number): EapiReply | null {
  if (!isUtf8(body)) return null;
  const t = new JsonTokenizer(body);
  let result: unknown[] | null = null;
  const members = new Set<string>();
  try {
    if (t.next() !== JsonToken.ObjectStart) return null;
    for (let tok = t.next(); tok !== JsonToken.ObjectEnd; tok = t.next()) {
      const name = t.stringValue();
      if (name === 'error' || members.has(name)) return null;
      members.add(name);
      const first = t.next();
      if (name !== 'result' || first !== JsonToken.ArrayStart) {
        t.skipValue(first);
        continue;
      }
      result = [];
      for (let el = t.next(); el !== JsonToken.ArrayEnd; el = t.next()) {
        const start = t.start;
        const keeps = t.skipValue(el);
        result.push(keeps && t.end - start > largeBytes ? new Utf8Json(body.subarray(start, t.end)) : JSON.parse(body.toString('utf8', start, t.end)));
      }
    }
    if (t.next() !== JsonToken.End) return null;
  } catch {
    return null;
  }
  return result ? { kind: 'result', result } : null;
}

/** The device's own error lines of an eAPI error (`data[].errors`). */
export function eapiErrorLines(error: EapiErrorBody): string[] {
  return error.data.flatMap((d) => (isObject(d) && Array.isArray(d.errors) ? d.errors.map(String) : []));
}

/** pyeapi's `CommandError` text: `Error [1002]: CLI command 2 of 2 'show foo' failed: invalid command [Invalid input]`. */
export function eapiErrorText(error: EapiErrorBody): string {
  const lines = eapiErrorLines(error);
  return `Error [${error.code}]: ${error.message}${lines.length > 0 ? ` [${lines.join(', ')}]` : ''}`;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
