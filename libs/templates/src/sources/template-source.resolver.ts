import { CidrList, GuardedHttpClient, OutboundHttpError, OutboundTargetRefusedError, displayUrl } from '@netpulse/net-policy';
import { TemplateFileReader } from './template-file.reader';
import { TemplateSourceError } from './template-source.error';

export interface TemplateSourceOptions {
  /**
   * Whether `http(s)://` templates are fetched at all (`templates.remote`). Default true here; the
   * apps pass the config value, which is false unless an operator turns it on.
   */
  readonly remote?: boolean;
  /** Networks a template URL may reach: CIDR strings (`templates.allowed_targets`) or a parsed list. */
  readonly allowedTargets: readonly string[] | CidrList;
  /** Config key named when a URL is refused. Default `templates.allowed_targets`. */
  readonly allowedTargetsLabel?: string;
  /** Ports never fetched from, on any host: the system's own API, metrics and Redis ports. */
  readonly deniedPorts?: readonly number[];
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
  private readonly remote: boolean;

  constructor(options: TemplateSourceOptions) {
    this.timeoutMs = positive(options.timeoutMs, DEFAULT_TIMEOUT_MS, 'timeoutMs');
    this.maxBytes = positive(options.maxBytes, DEFAULT_MAX_BYTES, 'maxBytes');
    this.maxRedirects = options.maxRedirects ?? 5;
    this.remote = options.remote ?? true;
    const label = options.allowedTargetsLabel ?? 'templates.allowed_targets';
    const allowed = options.allowedTargets instanceof CidrList ? options.allowedTargets : CidrList.parse(options.allowedTargets, label);
    this.http = options.http ?? new GuardedHttpClient(allowed, undefined, { label, deniedPorts: options.deniedPorts });
    this.files = new TemplateFileReader(options.fileRoot ?? null, this.maxBytes);
  }

  /**
   * Why a template source would be refused before anything is fetched (remote templates off, a port
   * of the system's own, a host outside the allowlist); null for inline text, `file://` and allowed
   * URLs. Lets a job be refused when it is submitted instead of failing on its worker.
   */
  async refusal(template: string): Promise<string | null> {
    const lower = template.slice(0, 8).toLowerCase();
    if (!lower.startsWith('http://') && !lower.startsWith('https://')) return null;
    if (!this.remote) return remoteDisabled().message;
    try {
      await this.http.check(template.trim());
      return null;
    } catch (err) {
      if (err instanceof OutboundTargetRefusedError) return `Template URL ${displayUrl(template.trim())} refused: ${err.message}`;
      return `Template URL ${displayUrl(template.trim())} cannot be used: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** @throws TemplateSourceError naming what is wrong */
  async resolve(template: string): Promise<string> {
    const lower = template.slice(0, 8).toLowerCase();
    if (lower.startsWith('http://') || lower.startsWith('https://')) {
      if (!this.remote) throw remoteDisabled();
      return this.fetch(template.trim());
    }
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
      if (remaining <= 0) throw unreachable(displayUrl(first));
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
      if (res.status < 200 || res.status >= 300) throw unreachable(shown);
      return res.body.toString('utf8');
    }
    throw new TemplateSourceError('fetch', `Fetching template ${displayUrl(first)} failed: more than ${this.maxRedirects} redirects`);
  }

  /**
   * A refusal by policy says why; every other failure (DNS, refused or reset connection, timeout,
   * non-2xx answer) reads the same, so an error never tells an open port from a closed one.
   */
  private fetchError(err: unknown, shown: string, first: string): TemplateSourceError {
    if (err instanceof OutboundTargetRefusedError) return new TemplateSourceError('refused', `Template URL ${shown} refused: ${err.message}`);
    if (err instanceof OutboundHttpError) {
      if (err.reason === 'bad_url') return new TemplateSourceError('fetch', `Template URL ${shown}: ${err.message}`);
      if (err.reason === 'too_large') return new TemplateSourceError('too_large', `Template ${shown} is larger than ${this.maxBytes} bytes`);
      return unreachable(err.reason === 'timeout' ? first : shown);
    }
    return unreachable(shown);
  }
}

/** One-shot form of {@link TemplateSourceResolver.resolve}. */
export function resolveTemplateSource(template: string, options: TemplateSourceOptions): Promise<string> {
  return new TemplateSourceResolver(options).resolve(template);
}

function unreachable(shown: string): TemplateSourceError {
  return new TemplateSourceError('fetch', `Template ${shown} could not be fetched`);
}

function remoteDisabled(): TemplateSourceError {
  return new TemplateSourceError('disabled', 'Remote (http/https) templates are disabled on this server (templates.remote is false); send the template inline or use file://');
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a finite number greater than 0`);
  return value;
}
