import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { AppConfig } from '@netpulse/config';
import { ApiError } from '@netpulse/contracts';
import { DeviceProtectionStore } from '@netpulse/state';
import type { Request } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { ClientAddressResolver } from './client-address.resolver';

/** Paths served without the key: signed downloads, probes, API docs and (unless configured) metrics. */
const OPEN_PREFIXES = ['/storage/'];
const PROBES = ['/livez', '/readyz', '/docs', '/openapi.json'];

/**
 * The API key from the query, a header or a cookie, all under `server.api_key_name`,
 * compared in constant time. Failure: 403 `{"detail": "Invalid or missing API key."}`.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly expected: Buffer;
  private readonly name: string;

  constructor(
    private readonly config: AppConfig,
    private readonly limits: DeviceProtectionStore,
    private readonly clients: ClientAddressResolver,
  ) {
    this.expected = digest(config.value.server.api_key ?? '');
    this.name = config.value.server.api_key_name;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const path = req.path;
    if (OPEN_PREFIXES.some((p) => path.startsWith(p)) || PROBES.includes(path)) return true;
    if (path === '/metrics' && !this.config.value.metrics.require_api_key) return true;
    for (const candidate of this.candidates(req)) {
      if (candidate !== undefined && timingSafeEqual(digest(candidate), this.expected)) return true;
    }
    // Only failures are counted and throttled: a valid key is never refused because others behind the
    // same address (NAT, proxy) keep sending wrong ones, and a valid request costs no Redis round trip.
    const limit = this.config.value.security.auth_rate_limit;
    if (limit > 0 && (await this.limits.apiAuthFailed(this.clients.of(req))) > limit) {
      throw new ApiError(429, { detail: 'Too many failed API key attempts from this address; try again in a minute' });
    }
    throw ApiError.forbidden();
  }

  private candidates(req: Request): (string | undefined)[] {
    const q = req.query[this.name];
    const header = req.headers[this.name.toLowerCase()];
    return [typeof q === 'string' ? q : undefined, typeof header === 'string' ? header : undefined, cookie(req.headers.cookie, this.name)];
  }
}

/** Hashing first makes the comparison constant-time whatever the lengths. */
function digest(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

function cookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return part.slice(i + 1).trim();
      }
    }
  }
  return undefined;
}
