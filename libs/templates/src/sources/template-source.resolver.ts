import { CidrList } from './cidr.list';
import { displayUrl } from './display-url.formatter';
import { GuardedHttpClient } from './guarded-http.client';
import { OutboundHttpError } from './outbound-http.error';
import { OutboundTargetRefusedError } from './outbound-target-refused.error';
import { TemplateFileReader } from './template-file.reader';
import { TemplateSourceError } from './template-source.error';

export interface TemplateSourceOptions {
  /** Networks a template URL may reach: CIDR strings (`security.allowed_targets`) or a parsed list. */
  readonly allowedTargets: readonly string[] | CidrList;
  /** Folder `file://` templates are read from (`templates.file_root`); unset → `file://` is refused. */
  readonly fileRoot?: string | null;
  /** Limit for fetching one URL template, redirects included, milliseconds. Default 30000 (the contract's 30 s). */
  readonly timeoutMs?: number;
  /** Largest template accepted from a URL or file, bytes. Default 1 MiB. */
  readonly maxBytes?: number;
  /** Redirects followed for a URL template, each re-checked against the allowlist. Default 5. */
  readonly maxRedirects?: number;
  /** Outbound HTTP adapter; built from `allowedTargets` when absent (tests pass one with a fake DNS). */
  readonly http?: GuardedHttpClient;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 1024 * 1024;

/**
 * Turns the `template` string of a render or parse request into template text:
 * `http(s)://` → GET, `file://` → a file under `templates.file_root`, `ftp://` → refused (not served),
 * anything else → the text itself. The scheme test ignores case, as the original's does.
 */
export class TemplateSourceResolver {
  private readonly http: GuardedHttpClient;
  private readonly files: TemplateFileReader;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;

  constructor(options: TemplateSourceOptions) {
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.maxBytes = positive(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes');
    this.maxRedirects = options.maxRedirects ?? 5;
    const allowed = options.allowedTargets instanceof CidrList ? options.allowedTargets : CidrList.parse(options.allowedTargets);
    this.http = options.http ?? new GuardedHttpClient(allowed);
    this.files = new TemplateFileReader(options.fileRoot ?? null, this.maxBytes);
  }

  /** @throws TemplateSourceError naming what is wrong */
  async resolve(template: string): Promise<string> {
    const lower = template.slice(0, 8).toLowerCase();
    if (lower.startsWith('http://') || lower.startsWith('https://')) return this.fetch(template.trim());
    if (lower.startsWith('file://')) return this.files.read(template.slice('file://'.length));
    if (lower.startsWith('ftp://')) {
      throw new TemplateSourceError('unsupported', 'ftp:// template sources are not supported by this server; use http(s)://, file:// or inline text');
    }
    return template;
  }

  private async fetch(first: string): Promise<string> {
    const deadline = Date.now() + this.timeoutMs;
    let url = first;
    for (let hop = 0; hop <= this.maxRedirects; hop++) {
      const shown = displayUrl(url);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw timeout(displayUrl(first), this.timeoutMs);
      let res;
      try {
        res = await this.http.request({ url, method: 'GET', timeoutMs: remaining, maxResponseBytes: this.maxBytes });
      } catch (err) {
        throw this.fetchError(err, shown, displayUrl(first));
      }
      const location = res.headers.location;
      if (res.status >= 300 && res.status < 400 && location) {
        url = new URL(location, url).href;
        continue;
      }
      if (res.status < 200 || res.status >= 300) {
        throw new TemplateSourceError('fetch', `Fetching template ${shown} failed: HTTP ${res.status}`);
      }
      return res.body.toString('utf8');
    }
    throw new TemplateSourceError('fetch', `Fetching template ${displayUrl(first)} failed: more than ${this.maxRedirects} redirects`);
  }

  private fetchError(err: unknown, shown: string, first: string): TemplateSourceError {
    if (err instanceof OutboundTargetRefusedError) return new TemplateSourceError('refused', `Template URL ${shown} refused: ${err.message}`);
    if (err instanceof OutboundHttpError) {
      if (err.reason === 'timeout') return timeout(first, this.timeoutMs);
      if (err.reason === 'too_large') return new TemplateSourceError('too_large', `Template ${shown} is larger than ${this.maxBytes} bytes`);
      return new TemplateSourceError('fetch', `Fetching template ${shown}: ${err.message}`);
    }
    return new TemplateSourceError('fetch', `Fetching template ${shown} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** One-shot form of {@link TemplateSourceResolver.resolve}. */
export function resolveTemplateSource(template: string, options: TemplateSourceOptions): Promise<string> {
  return new TemplateSourceResolver(options).resolve(template);
}

function timeout(shown: string, ms: number): TemplateSourceError {
  return new TemplateSourceError('timeout', `Fetching template ${shown} timed out after ${ms / 1000} s`);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a finite number greater than 0`);
  return value;
}
